import { formatsFor, type IntegritySignal } from '@interview-kit/core';
import type { RoomStrings } from '../room.strings.js';
import { REPLAY_STRINGS_AR } from './replay.ar.js';

const f = formatsFor('ar');
const chars = (n: number) =>
  f.plural(n, { zero: '# حرف', one: 'حرف واحد', two: 'حرفين', few: '# أحرف', many: '# حرفًا', other: '# حرف' });
const minutes = (n: number) =>
  f.plural(n, { one: 'دقيقة واحدة', two: 'دقيقتان', few: '# دقائق', many: '# دقيقة', other: '# دقيقة' });

function signal(signal: IntegritySignal, name: string): string {
  switch (signal.kind) {
    case 'paste':
      return `لصق ${name} ${chars(signal.chars)}${signal.fromOutside ? ' من خارج المحرر' : ' منسوخة داخل المحرر'}`;
    case 'large-insert':
      return `أدرج ${name} ${chars(signal.chars)} دفعة واحدة`;
    case 'focus-lost':
      return `لم تكن نافذة ${name} في المقدمة لمدة ${f.unit(Math.max(1, Math.round(signal.ms / 1000)), 'second')}`;
    case 'second-connection':
      return `اتصل ${name} مرة ثانية (من علامة تبويب أو جهاز آخر)`;
  }
}

/** `<interview-room>` بالعربية. */
export const ROOM_STRINGS_AR: RoomStrings = {
  ...REPLAY_STRINGS_AR,
  loading: 'جارٍ تحميل المقابلة…',
  loadFailed: (reason) => `تعذّر تحميل المقابلة: ${reason}`,
  retry: 'إعادة المحاولة',
  question: 'السؤال',
  code: 'الكود',
  whiteboard: 'السبورة',
  centreViews: 'الكود أو السبورة',
  output: 'التشغيل',
  console: 'وحدة التحكم',
  runTabs: 'مخرجات التشغيل ووحدة التحكم',
  video: 'الفيديو',
  feedback: 'التقييم',
  notes: 'الملاحظات',
  tests: 'الاختبارات',
  guide: 'الدليل',
  signals: 'المؤشرات',
  chat: (unread) => (unread ? `الدردشة (${unread})` : 'الدردشة'),
  signalsCaution: 'مؤشرات لا أحكام: لكلٍّ منها تفسيرات بريئة. اسأل عنها، ولا تبنِ قرارًا عليها وحدها.',
  signalsOff: 'لا تسجّل هذه الجلسة مؤشرات النزاهة.',
  noSignals: 'لا توجد مؤشرات حتى الآن.',
  signal,
  integrityHeading: 'مؤشرات النزاهة',
  integrityDisclosure: [
    'عمليات اللصق في المحرر: عدد الأحرف، وهل جاءت من خارج المحرر (لا يُسجَّل النص الملصوق نفسه).',
    'إدراج كميات كبيرة من النص دفعة واحدة دون لصق: عدد الأحرف.',
    'متى تفقد هذه النافذة التركيز، ولأي مدة.',
    'اتصال ثانٍ بهذه المقابلة باستخدام رابطك.',
    'يرى المحاورون هذه المؤشرات مع أوقاتها، وتظهر في التقرير. إنها مؤشرات لا أحكام: لا يُتخذ أي قرار بناءً عليها وحدها.',
  ],
  integrityBeforeConsent: 'تسجّل هذه المقابلة ما يلي بعد موافقتك. لا يُسجَّل شيء قبل ذلك.',
  integrityConsent: 'فهمت وأوافق',
  integrityConsented: (time) => `وافقت في الساعة ${time}؛ يجري تسجيل هذه المؤشرات.`,
  recordingHeading: 'تسجيل المكالمة',
  recordingNotice: {
    audio: [
      'ما يُسجَّل: صوت الميكروفون الخاص بك، بواسطة متصفحك نفسه، من بدء المقابلة حتى انتهائها أو مغادرتك المكالمة. لا تُسجَّل الكاميرا.',
      'من يمكنه رؤيته: يمكن للمُحاورين ولمنظِّم المقابلة تشغيله وقراءة نص مكتوب مأخوذ منه. لا يمكن ذلك للمرشحين ولا للمراقبين.',
      'مدة الاحتفاظ به: طوال مدة الاحتفاظ بشيفرة هذه المقابلة، وفق قواعد الاحتفاظ لدى المنظِّم؛ ثم يُحذف. يمكنك أن تطلب من المنظِّم حذفه قبل ذلك.',
      'لا يُسجَّل أي شيء ما لم يوافق كل من في المكالمة.',
    ],
    'audio+video': [
      'ما يُسجَّل: الكاميرا وصوت الميكروفون الخاص بك، بواسطة متصفحك نفسه، من بدء المقابلة حتى انتهائها أو مغادرتك المكالمة.',
      'من يمكنه رؤيته: يمكن للمُحاورين ولمنظِّم المقابلة تشغيله وقراءة نص مكتوب مأخوذ منه. لا يمكن ذلك للمرشحين ولا للمراقبين.',
      'مدة الاحتفاظ به: طوال مدة الاحتفاظ بشيفرة هذه المقابلة، وفق قواعد الاحتفاظ لدى المنظِّم؛ ثم يُحذف. يمكنك أن تطلب من المنظِّم حذفه قبل ذلك.',
      'لا يُسجَّل أي شيء ما لم يوافق كل من في المكالمة.',
    ],
  },
  recordingNoticeVersion: (version) => `إشعار التسجيل، الإصدار ${version}`,
  recordingAgree: 'أوافق على تسجيلي',
  recordingDecline: 'لا أوافق',
  recordingAgreed: (time) => `وافقت في ${time}.`,
  recordingDeclined: 'لم توافق: لن يُسجَّل أي شيء حتى يوافق الجميع. لا يزال بإمكانك الموافقة.',
  recordingConsents: 'من وافق',
  recordingConsentGiven: 'وافق',
  recordingConsentMissing: 'ليس بعد',
  recordingWaiting: 'لا يُسجَّل أي شيء حتى يوافق الجميع.',
  recordingEveryone: 'وافق الجميع: يُسجَّل كل منكم ما دامت المقابلة جارية وهو في المكالمة.',
  recordingIndicator: {
    'waiting-consent': 'لا تسجيل — بانتظار الموافقة',
    ready: 'لا تسجيل بعد',
    starting: 'جارٍ بدء التسجيل…',
    recording: 'جارٍ التسجيل',
    retrying: 'التسجيل متوقف مؤقتًا: فشل الرفع (إعادة المحاولة)',
    stopped: 'توقف التسجيل',
    failed: 'لا تسجيل: فشل الرفع',
  },
  questionOf: (position, total, title) => `السؤال ${f.number(position)} من ${f.number(total)}: ${title}`,
  chooseQuestion: 'الانتقال إلى سؤال',
  previousQuestion: 'السابق',
  nextQuestion: 'التالي',
  competency: (competency) => `الكفاءة: ${competency}`,
  probes: 'أسئلة المتابعة',
  positiveIndicators: 'مؤشرات إيجابية',
  negativeIndicators: 'مؤشرات سلبية',
  anchors: 'معايير التقييم (1–4)',
  tools: 'أدوات المحاور',
  sections: 'أقسام المقابلة',
  presence: 'المشاركون الحاضرون',
  roles: { interviewer: 'محاور', candidate: 'مرشح', observer: 'مراقب' },
  connection: {
    connecting: 'جارٍ الاتصال…',
    connected: 'متصل، جارٍ المزامنة…',
    synced: 'متصل',
    offline: 'غير متصل: تُحفظ تغييراتك وتُزامَن عند عودة الاتصال',
  },
  connectionShort: {
    connecting: 'جارٍ الاتصال…',
    connected: 'جارٍ المزامنة…',
    synced: 'متصل',
    offline: 'غير متصل',
  },
  connectionLabel: 'الاتصال',
  timerLabel: 'الوقت',
  remaining: (time, total) => `متبقٍّ ${time} من ${total}`,
  remainingShort: (time) => `متبقٍّ ${time}`,
  overtime: (time) => `تجاوز الوقت بـ ${time}`,
  elapsed: (time) => `مضى ${time}`,
  ended: 'انتهت المقابلة',
  notStarted: 'لم تبدأ',
  endInterview: 'إنهاء المقابلة',
  endConfirm: 'هل تريد إنهاء المقابلة للجميع؟ سيصبح الكود للقراءة فقط.',
  cancel: 'إلغاء',
  examples: 'أمثلة',
  example: (position) => `المثال ${f.number(position)}`,
  exampleInput: 'المدخلات',
  exampleExpected: 'المخرجات المتوقعة',
  noInput: 'بلا مدخلات',
  resizeQuestion: 'تغيير حجم لوحة السؤال',
  resizeEditor: 'تغيير حجم محرر الكود',
  endDialogTitle: 'إنهاء المقابلة؟',
  lobbyHeading: 'لم تبدأ المقابلة بعد',
  scheduledFor: (when) => `موعدها ${when}`,
  startsWhen: {
    'first-join': 'تبدأ بمجرد انضمام أي مشارك.',
    'all-joined': 'تبدأ عندما ينضم الجميع.',
    manual: 'يبدؤها المحاور.',
  },
  whoIsHere: 'المشاركون',
  notHereYet: 'لم يحضر بعد',
  youSuffix: '(أنت)',
  startInterview: 'بدء المقابلة',
  starting: 'جارٍ البدء…',
  deviceCheck: 'الكاميرا والميكروفون',
  recordsHeading: 'ما تحتفظ به هذه المقابلة',
  records: [
    'الكود الذي تكتبه أثناء كتابته، ليتمكن المحاورون من إعادة عرضه',
    'كل تشغيل لكودك ونتائجه',
    'ملاحظات المحاورين وتقييمهم، ولا تطّلع عليها',
  ],
  questionHidden: 'يظهر السؤال عند بدء المقابلة.',
  questionPreview: 'السؤال (يراه المرشح عند البدء)',
  timeWarning: (n) => `متبقٍّ ${minutes(n)}`,
  addTime: (n) => `إضافة ${f.unit(n, 'minute')}`,
  timeAdded: (n) => `أُضيفت ${minutes(n)}`,
  extraTime: (name, n) => `${name}: وقت إضافي ${f.unit(n, 'minute')}`,
  extraTimeShort: (n) => `+${f.unit(n, 'minute')}`,
  joined: (name) => `انضم ${name}`,
  left: (name) => `غادر ${name}`,
  languageChanged: (language, by) => (by ? `غيّر ${by} لغة البرمجة إلى ${language}` : `تغيّرت لغة البرمجة إلى ${language}`),
  started: 'بدأت المقابلة',
  endedHeading: 'انتهت المقابلة — شكرًا لك',
  endedBody: 'انتهت المقابلة. يمكنك إغلاق هذه الصفحة.',
  endReasons: {
    interviewer: 'أنهى المحاور المقابلة.',
    host: 'أنهى المنظِّم المقابلة.',
    time: 'انتهى الوقت.',
    cancelled: 'أُلغيت المقابلة.',
  },
  cancelledHeading: 'أُلغيت هذه المقابلة',
  cancelledBody: 'لم تعد روابطها تعمل. سيتواصل معك المنظِّم.',
  replay: 'إعادة العرض',
  dismiss: 'إغلاق',
  notifications: 'الإشعارات',
};
