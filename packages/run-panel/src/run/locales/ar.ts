import type { RunVerdict } from '@interview-kit/core';

/** اسم كل نتيجة من نتائج التشغيل (يتشاركها عنصرا الحزمة). */
export const VERDICT_NAMES_AR: Record<RunVerdict, string> = {
  ok: 'اكتمل',
  compile_error: 'خطأ في الترجمة البرمجية',
  runtime_error: 'خطأ أثناء التشغيل',
  time_limit: 'تجاوز الحد الزمني',
  memory_limit: 'تجاوز حد الذاكرة',
  output_limit: 'تجاوز حد المخرجات',
  internal_error: 'خطأ داخلي',
};
