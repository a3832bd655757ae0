import { formatsFor } from '@interview-kit/core';
import { VERDICT_NAMES_AR } from '../../run/locales/ar.js';
import type { RunPanelStrings } from '../run-panel.strings.js';

const f = formatsFor('ar');
const tests = (n: number) => f.plural(n, { one: 'اختبار واحد', two: 'اختبارين', few: '# اختبارات', many: '# اختبارًا', other: '# اختبار' });

/** `<interview-run-panel>` بالعربية. */
export const RUN_PANEL_STRINGS_AR: RunPanelStrings = {
  run: 'تشغيل',
  runTests: 'تشغيل الاختبارات',
  cancel: 'إلغاء',
  shortcut: (mac) => (mac ? '⌘ Enter' : 'Ctrl+Enter'),
  language: 'اللغة',
  stdin: 'المدخلات (stdin)',
  stdinPlaceholder: 'النص الذي يقرؤه البرنامج من المدخلات القياسية',
  output: 'المخرجات',
  runInput: 'مدخلات هذا التشغيل',
  runInputCut: (kib) => `(يُحتفظ بأول ${f.unit(kib, 'kilobyte')} فقط)`,
  noOutput: 'لا توجد مخرجات.',
  idle: 'اضغط «تشغيل» لتنفيذ الكود.',
  running: (elapsed) => `قيد التشغيل… ${elapsed}`,
  queued: 'في انتظار بيئة تشغيل معزولة متاحة…',
  verdicts: VERDICT_NAMES_AR,
  exitCode: (code) => `رمز الخروج ${f.number(code, { useGrouping: false })}`,
  signal: (name) => `أُنهي بالإشارة ${name}`,
  time: (wallMs, cpuMs) => `${f.unit(wallMs, 'millisecond')} (المعالج ${f.unit(cpuMs, 'millisecond')})`,
  memory: (kb) => (kb >= 1024 ? f.unit(kb / 1024, 'megabyte', 'short', { maximumFractionDigits: 1 }) : f.unit(kb, 'kilobyte')),
  ranBy: (name, time) => `شغّله ${name} في ${time}`,
  truncated: 'اقتُطعت المخرجات: تجاوزت الحجم الذي يُحتفظ به.',
  compileOutput: 'مخرجات المترجم',
  tests: 'نتائج الاختبارات',
  testColumn: 'الاختبار',
  resultColumn: 'النتيجة',
  detailsColumn: 'التفاصيل',
  test: (index) => `الاختبار ${f.number(index + 1)}`,
  hiddenTest: (index) => `الاختبار المخفي ${f.number(index + 1)}`,
  testPassed: 'نجح',
  testFailed: 'فشل',
  testOutcome: (failed, total) =>
    failed === 0
      ? total === 1
        ? 'نجح الاختبار'
        : `نجحت جميع الاختبارات (${f.number(total)})`
      : failed === total
        ? total === 1
          ? 'فشل الاختبار'
          : `فشلت جميع الاختبارات (${f.number(total)})`
        : `فشل ${f.number(failed)} من ${tests(total)}`,
  testInput: 'المدخلات',
  testExpected: 'المتوقع',
  testActual: 'الفعلي',
  hiddenSummary: (passed, total) => `الاختبارات المخفية: نجح ${f.number(passed)} من ${tests(total)}`,
  history: (count) => `سجل التشغيل (${f.number(count)})`,
  historyItem: (name, time, verdict) => `${time} · ${name} · ${verdict}`,
  observerCannotRun: 'يتابع المراقبون عمليات تشغيل الآخرين ولا يمكنهم تشغيل الكود.',
  sessionEnded: 'انتهت الجلسة؛ لم يعد بالإمكان تشغيل الكود.',
  sessionCancelled: 'أُلغيت المقابلة؛ لا يمكن تشغيل الكود.',
  unavailable: (reason) => `لا يمكن تشغيل الكود على هذا الخادم: ${reason}`,
  noSession: 'غير متصل بجلسة مقابلة.',
  cancelled: 'أُلغي التشغيل.',
  busy: (seconds) => `الخادم مشغول؛ حاول مرة أخرى بعد ${f.unit(seconds, 'second', 'long')}.`,
  failed: (reason) => `فشل التشغيل: ${reason}`,
  announceFinished: (verdict, summary) => `انتهى التشغيل: ${verdict}. ${summary}`,
  announceRemote: (name, verdict) => `شغّل ${name} الكود: ${verdict}.`,
  announceStarted: 'جارٍ تشغيل الكود.',
};
