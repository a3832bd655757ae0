import type { ChatStrings } from '../chat.strings.js';

/** `<interview-chat>` en español. */
export const CHAT_STRINGS_ES: ChatStrings = {
  log: 'Mensajes del chat',
  empty: 'Todavía no hay mensajes.',
  label: 'Mensaje',
  placeholder: 'Escribe un mensaje',
  hint: 'Intro envía, Mayús+Intro empieza una línea nueva. Todos en la sesión leen el chat.',
  send: 'Enviar',
  sending: 'Enviando…',
  refused: (reason) => `No enviado: ${reason}`,
  retry: 'Enviar de nuevo',
  dismiss: 'Descartar',
  you: 'Tú',
  roles: { candidate: 'candidato', interviewer: 'entrevistador', observer: 'observador' },
  author: (name, role) => `${name} (${role}):`,
  readOnly: 'La entrevista ha terminado: el chat es de solo lectura.',
  replay: 'El chat tal como estaba en este momento de la reproducción.',
  tooLong: (over) => `${over} caracteres de más`,
};
