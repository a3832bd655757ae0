import { formatsFor } from '@interview-kit/core';
import type { ReplayStrings } from '../replay.strings.js';

const f = formatsFor('ar');

/** التسجيل في إعادة العرض والمساعد، بالعربية. */
export const REPLAY_STRINGS_AR: ReplayStrings = {
  recording: 'التسجيل',
  recordingLoading: 'جارٍ تحميل التسجيل…',
  noRecording: 'لا يوجد تسجيل لهذه المقابلة؛ تعرض إعادة العرض الشيفرة وعمليات تشغيلها.',
  recordingFailed: (reason) => `تعذّر تحميل التسجيل: ${reason}`,
  videoOf: (name) => `فيديو ${name}`,
  audioOnly: 'صوت فقط',
  play: 'تشغيل',
  pause: 'إيقاف مؤقت',
  timeline: 'الموضع في إعادة العرض',
  positionOf: (time, total) => `${time} من ${total}`,
  runMarks: 'عمليات التشغيل',
  runMark: (time, passed) => `تشغيل عند ${time}: ${passed ? 'نجح' : 'فشل'}`,
  speechMarks: 'الكلام',
  speechMark: (time, name) => `يتحدث ${name} عند ${time}`,
  captions: 'الترجمة النصية',
  transcript: 'النص المفرّغ',
  searchTranscript: 'البحث في النص المفرّغ',
  searchPlaceholder: 'كلمات قيلت…',
  matches: (count) => f.plural(count, { zero: 'لا نتائج', one: 'نتيجة واحدة', two: 'نتيجتان', few: '# نتائج', many: '# نتيجة', other: '# نتيجة' }),
  showSegment: (time, name) => `عرض ${time} في إعادة العرض (${name})`,
  noTranscript: 'لا يوجد نص مفرّغ لهذا التسجيل.',
  assistant: 'المساعد',
  assistantLabel: 'مسودة من نموذج — ليست قرارًا؛ تقييمك لك وحدك',
  assistantLoading: 'جارٍ تحميل مسودة المساعد…',
  assistantOff: 'المساعد غير مُعدّ على هذا الخادم.',
  assistantPending: 'لا مسودة بعد: يكتبها المساعد بعد المقابلة، حين يصبح النص المفرّغ جاهزًا.',
  assistantFailed: (reason) => `تعذّر تحميل المسودة: ${reason}`,
  assistantSummary: 'الملخص',
  suggestedRating: (rating) => `التقييم المقترح: ${f.number(rating)} من ${f.number(4)}`,
  evidence: 'الأدلة',
  showMoment: (time) => `عرض ${time} في إعادة العرض`,
  draftBy: (model, prompt) => `كتبه ${model} (الموجّه ${prompt})`,
};
