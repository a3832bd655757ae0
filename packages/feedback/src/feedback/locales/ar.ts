import { formatsFor } from '@interview-kit/core';
import type { FeedbackStrings } from '../feedback.strings.js';

const f = formatsFor('ar');

/** `<interview-feedback>` بالعربية. */
export const FEEDBACK_STRINGS_AR: FeedbackStrings = {
  heading: 'تقييم المقابلة',
  loading: 'جارٍ تحميل نموذج التقييم…',
  loadFailed: (reason) => `تعذّر تحميل نموذج التقييم: ${reason}`,
  retry: 'إعادة المحاولة',
  required: 'مطلوب',
  asked: (questions) => `طُرح: ${questions.map((q) => `س${f.number(q.index + 1)} ${q.title}`).join('؛ ')}`,
  rating: (level) => `التقدير ${f.number(level)}`,
  notRated: 'لم يُقيَّم بعد.',
  evidenceLabel: 'الشواهد',
  evidence: (competency) => `شواهد ${competency}`,
  evidenceHint: 'تُكتب الشواهد بصيغة Markdown. يضيف Alt+M (أو «تحديد اللحظة») رابطًا إلى اللحظة الحالية يظهر كعلامة زمنية تفتح إعادة العرض عندها.',
  preview: 'معاينة',
  previewOf: (competency) => `شواهد ${competency}`,
  previewEmpty: 'لم يُكتب شيء بعد.',
  momentChipTitle: 'عرض هذه اللحظة في إعادة العرض',
  markMoment: 'تحديد اللحظة',
  markMomentIn: (competency) => `في شواهد ${competency}`,
  momentInserted: (time) => `حُدّدت اللحظة ${time}.`,
  recommendation: 'التوصية العامة',
  recommendations: { strong_no: 'لا بالتأكيد', no: 'لا', yes: 'نعم', strong_yes: 'نعم بالتأكيد' },
  summary: 'الملخص',
  submit: 'إرسال التقييم',
  submitting: 'جارٍ الإرسال…',
  submitted: (when) => `أُرسل في ${when}. التقييم المرسل نهائي.`,
  submittedAnnouncement: 'أُرسل التقييم.',
  fixErrors: (count) =>
    f.plural(count, {
      one: 'يحتاج حقل واحد إلى المراجعة.',
      two: 'يحتاج حقلان إلى المراجعة.',
      few: 'تحتاج # حقول إلى المراجعة.',
      many: 'يحتاج # حقلًا إلى المراجعة.',
      other: 'يحتاج # حقل إلى المراجعة.',
    }),
  submitFailed: (reason) => `تعذّر إرسال التقييم: ${reason}`,
  alreadySubmitted: 'أُرسل هذا التقييم مسبقًا ولم يعد من الممكن تعديله.',
  draftSaved: (time) => `حُفظت المسودة في ${time}`,
  draftSaving: 'جارٍ حفظ المسودة…',
  draftPending: 'تغييرات غير محفوظة',
  draftFailed: 'لم تُحفظ المسودة بعد؛ جارٍ إعادة المحاولة',
  errors: {
    'unknown-competency': 'هذه الكفاءة ليست ضمن معايير التقييم.',
    'rating-out-of-range': 'اختر أحد التقديرات.',
    'rating-required': 'اختر تقديرًا.',
    'recommendation-required': 'اختر توصية.',
    'summary-required': 'اكتب ملخصًا.',
    'too-long': 'هذا النص طويل جدًا.',
  },
};
