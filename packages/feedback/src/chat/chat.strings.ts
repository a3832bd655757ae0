import { LocaleCatalog, type Role } from '@interview-kit/core';

/**
 * Every user-facing string of `<interview-chat>`. The chat shows the table of its language
 * ({@link CHAT_LOCALES}); pass a partial table as `strings` to change any of it.
 */
export interface ChatStrings {
  /** The label of the message log. */
  log: string;
  empty: string;
  /** The label of the message field. */
  label: string;
  placeholder: string;
  hint: string;
  send: string;
  /** A message on its way to the server. */
  sending: string;
  /** A message the server did not take, and its reason. */
  refused: (reason: string) => string;
  retry: string;
  dismiss: string;
  /** Who wrote a message: a name, or this participant. */
  you: string;
  roles: Record<Role, string>;
  /** Said before a message's text to screen readers: its author and role. */
  author: (name: string, role: string) => string;
  /** The chat after the end: its log only. */
  readOnly: string;
  /** In a replay: the chat as it stood at that moment. */
  replay: string;
  /** Characters over the limit, under the field. */
  tooLong: (over: number) => string;
}

export const CHAT_STRINGS_EN: ChatStrings = {
  log: 'Chat messages',
  empty: 'No messages yet.',
  label: 'Message',
  placeholder: 'Write a message',
  hint: 'Enter sends, Shift+Enter starts a new line. Everyone in the session reads the chat.',
  send: 'Send',
  sending: 'Sending…',
  refused: (reason) => `Not sent: ${reason}`,
  retry: 'Send again',
  dismiss: 'Discard',
  you: 'You',
  roles: { candidate: 'candidate', interviewer: 'interviewer', observer: 'observer' },
  author: (name, role) => `${name} (${role}):`,
  readOnly: 'The interview is over: the chat is read-only.',
  replay: 'The chat as it stood at this moment of the replay.',
  tooLong: (over) => `${over} characters too long`,
};

/** The chat's strings in every built-in language: English at hand, German, Spanish and Arabic loaded on first need. */
export const CHAT_LOCALES = new LocaleCatalog<ChatStrings>(CHAT_STRINGS_EN, {
  de: () => import('./locales/de.js').then((m) => m.CHAT_STRINGS_DE),
  es: () => import('./locales/es.js').then((m) => m.CHAT_STRINGS_ES),
  ar: () => import('./locales/ar.js').then((m) => m.CHAT_STRINGS_AR),
});
