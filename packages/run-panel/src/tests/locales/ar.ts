import { formatsFor } from '@interview-kit/core';
import { VERDICT_NAMES_AR } from '../../run/locales/ar.js';
import type { TestsStrings } from '../tests.strings.js';

const f = formatsFor('ar');

/** `<interview-tests>` بالعربية. */
export const TESTS_STRINGS_AR: TestsStrings = {
  caption: 'الاختبارات',
  testColumn: 'الاختبار',
  inputColumn: 'المدخلات',
  expectedColumn: 'المتوقع',
  resultColumn: 'آخر نتيجة',
  timeColumn: 'الوقت',
  test: (index) => `الاختبار ${f.number(index + 1)}`,
  hidden: 'مخفي',
  passed: 'نجح',
  failed: 'فشل',
  error: (verdict) => `خطأ: ${verdict}`,
  notRun: 'لم يُشغَّل بعد',
  verdicts: VERDICT_NAMES_AR,
  time: (wallMs) => f.unit(wallMs, 'millisecond'),
  ranBy: (name, time) => `شغّله ${name} في ${time}`,
  actual: 'المخرجات الفعلية',
  unseenHidden: (count) =>
    f.plural(count, {
      one: 'وهناك اختبار مخفي واحد غير معروض.',
      two: 'وهناك اختباران مخفيان غير معروضين.',
      few: 'وهناك # اختبارات مخفية غير معروضة.',
      many: 'وهناك # اختبارًا مخفيًا غير معروض.',
      other: 'وهناك # اختبار مخفي غير معروض.',
    }),
  noTests: 'لا توجد اختبارات لهذا السؤال.',
  noSession: 'غير متصل بجلسة مقابلة.',
};
