import { PROJECT_PATH_MAX_LENGTH, PROJECT_PATH_MAX_LEVELS, formatsFor } from '@interview-kit/core';
import { PROJECT_FILE_LIMIT } from '../project-model.js';
import type { EditorStrings } from '../editor.strings.js';

const f = formatsFor('ar');
const tests = (n: number) => f.plural(n, { one: 'اختبار واحد', two: 'اختبارين', few: '# اختبارات', many: '# اختبارًا', other: '# اختبار' });

/** `<interview-editor>` بالعربية. */
export const EDITOR_STRINGS_AR: EditorStrings = {
  label: 'الكود',
  readOnlySuffix: '(للقراءة فقط)',
  language: 'اللغة',
  plainText: 'نص عادي',
  present: 'الحاضرون',
  you: '(أنت)',
  status: {
    connecting: 'جارٍ الاتصال…',
    connected: 'متصل، جارٍ المزامنة…',
  },
  save: {
    saving: 'جارٍ الحفظ…',
    saved: 'حُفظت كل التغييرات',
    offline: 'غير متصل: تُحفظ تغييراتك وتُزامَن عند عودة الاتصال',
  },
  notSaved: {
    ended: 'لم يُحفظ: انتهت المقابلة',
    'read-only': 'لم يُحفظ: يمكنك قراءة هذه الجلسة فقط',
    quota: 'لم يُحفظ: بلغ المستند الحد الأقصى لحجمه',
    other: (reason) => `لم يُحفظ: ${reason}`,
  },
  endedBanner: 'انتهت المقابلة. أصبح الكود للقراءة فقط.',
  keyboardHint: 'يضيف Tab مسافة بادئة. اضغط Escape ثم Tab للخروج من المحرر.',
  replay: 'إعادة العرض',
  play: 'تشغيل',
  pause: 'إيقاف مؤقت',
  speed: 'السرعة',
  skipIdle: 'تخطي فترات الخمول',
  position: 'موضع إعادة العرض',
  positionOf: (position, duration) => `${position} / ${duration}`,
  speedFactor: (factor) => `${factor}×`,
  replayLoading: 'جارٍ تحميل إعادة العرض…',
  replayEmpty: 'لم يُكتب شيء بعد.',
  replayFailed: (reason) => `تعذّر تحميل إعادة العرض: ${reason}`,
  runs: 'مرات التشغيل',
  runMark: (time, outcome) => `تشغيل عند ${time}: ${outcome}`,
  latestRun: (time, name, outcome) => `آخر تشغيل، عند ${time} بواسطة ${name}: ${outcome}`,
  noRunYet: 'لا يوجد تشغيل حتى هذه اللحظة.',
  testsOutcome: (failed, total) => {
    if (failed === 0) return total === 1 ? 'نجح الاختبار' : `نجحت جميع الاختبارات (${f.number(total)})`;
    if (failed === total) return total === 1 ? 'فشل الاختبار' : `فشلت جميع الاختبارات (${f.number(total)})`;
    return `فشل ${f.number(failed)} من ${tests(total)}`;
  },
  verdicts: {
    ok: 'اكتمل',
    compile_error: 'خطأ في الترجمة البرمجية',
    runtime_error: 'خطأ أثناء التشغيل',
    time_limit: 'تجاوز الحد الزمني',
    memory_limit: 'تجاوز حد الذاكرة',
    output_limit: 'تجاوز حد المخرجات',
    internal_error: 'خطأ داخلي',
  },
  files: {
    toggle: (count) => `الملفات (${f.number(count)})`,
    list: 'ملفات المشروع',
    entry: 'الرئيسي',
    keyboardHint: 'تنقّل مفاتيح الأسهم بين الملفات، ويفتح Enter الملف، ويعيد F2 تسميته، ويحذفه Delete.',
    newFile: 'ملف جديد',
    newFileName: 'اسم الملف الجديد',
    create: 'إنشاء',
    renameTo: (path) => `اسم جديد لـ ${path}`,
    rename: (path) => `إعادة تسمية ${path}`,
    save: 'إعادة التسمية',
    delete: (path) => `حذف ${path}`,
    confirmDelete: (path) => `حذف ${path} لدى الجميع؟`,
    confirm: 'حذف',
    cancel: 'إلغاء',
    openBy: (names) => `مفتوح لدى ${names}`,
    problems: {
      empty: 'أعطِ الملف اسمًا.',
      'too-long': `يتكوّن المسار من ${f.number(PROJECT_PATH_MAX_LENGTH)} حرفًا على الأكثر.`,
      absolute: 'المسار نسبي إلى المشروع: لا يبدأ بـ "/".',
      'too-deep': `يتكوّن المسار من ${f.number(PROJECT_PATH_MAX_LEVELS)} أجزاء على الأكثر (مثل a/b/c/file.py).`,
      'empty-part': 'لا يحتوي المسار على أجزاء فارغة ("//" أو "/" في نهايته).',
      'bad-part': 'استخدم الحروف والأرقام و"." و"_" و"-"، ولا يبدأ الاسم بـ "." أو "-".',
      exists: 'يوجد ملف بهذا الاسم بالفعل.',
      clash: 'لا يمكن أن يحمل ملف ومجلد الاسم نفسه.',
      limit: `يضم المشروع ${f.number(PROJECT_FILE_LIMIT)} ملفًا على الأكثر.`,
      missing: 'لم يعد هذا الملف موجودًا.',
    },
    refused: (reason) => `لم يحفظ الخادم آخر تغيير في الملفات: ${reason}`,
  },
};
