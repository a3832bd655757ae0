import type { ChatStrings } from '../chat.strings.js';

/** `<interview-chat>` بالعربية. */
export const CHAT_STRINGS_AR: ChatStrings = {
  log: 'رسائل الدردشة',
  empty: 'لا توجد رسائل بعد.',
  label: 'الرسالة',
  placeholder: 'اكتب رسالة',
  hint: 'يرسل مفتاح Enter الرسالة، ويبدأ Shift+Enter سطرًا جديدًا. يقرأ الدردشة كل من في الجلسة.',
  send: 'إرسال',
  sending: 'جارٍ الإرسال…',
  refused: (reason) => `لم تُرسل: ${reason}`,
  retry: 'أعد الإرسال',
  dismiss: 'تجاهل',
  you: 'أنت',
  roles: { candidate: 'المرشح', interviewer: 'المُقابِل', observer: 'المراقب' },
  author: (name, role) => `${name} (${role}):`,
  readOnly: 'انتهت المقابلة: الدردشة للقراءة فقط.',
  replay: 'الدردشة كما كانت في هذه اللحظة من الإعادة.',
  tooLong: (over) => `أطول من المسموح بـ ${over} حرفًا`,
};
