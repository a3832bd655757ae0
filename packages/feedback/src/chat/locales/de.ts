import type { ChatStrings } from '../chat.strings.js';

/** `<interview-chat>` auf Deutsch. */
export const CHAT_STRINGS_DE: ChatStrings = {
  log: 'Chatnachrichten',
  empty: 'Noch keine Nachrichten.',
  label: 'Nachricht',
  placeholder: 'Nachricht schreiben',
  hint: 'Enter sendet, Umschalt+Enter beginnt eine neue Zeile. Alle in der Sitzung lesen den Chat.',
  send: 'Senden',
  sending: 'Wird gesendet …',
  refused: (reason) => `Nicht gesendet: ${reason}`,
  retry: 'Erneut senden',
  dismiss: 'Verwerfen',
  you: 'Sie',
  roles: { candidate: 'Kandidat', interviewer: 'Interviewer', observer: 'Beobachter' },
  author: (name, role) => `${name} (${role}):`,
  readOnly: 'Das Interview ist beendet: Der Chat kann nur noch gelesen werden.',
  replay: 'Der Chat, wie er zu diesem Zeitpunkt der Wiedergabe stand.',
  tooLong: (over) => `${over} Zeichen zu lang`,
};
