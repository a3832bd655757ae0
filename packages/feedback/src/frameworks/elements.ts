// What a host framework may set on `<interview-feedback>`, `<interview-notes>` and `<interview-chat>` and which of their
// events it can listen to. This package's React and Vue declarations are made from it.
import type { ElementApi } from '@interview-kit/core';
import type { InterviewFeedback } from '../feedback/feedback.component.js';
import type { InterviewNotes } from '../notes/notes.component.js';
import type { InterviewChat } from '../chat/chat.component.js';
// The event map entries of this package's events (`HTMLElementEventMap`).
import '../events.js';

/** The public API of `<interview-feedback>`. */
export type InterviewFeedbackApi = ElementApi<
  InterviewFeedback,
  'session' | 'autosaveDelay' | 'strings',
  | 'interview-feedback-submit'
  | 'interview-feedback-save'
  | 'interview-feedback-error'
  | 'interview-moment-select'
>;

/** The public API of `<interview-notes>`. */
export type InterviewNotesApi = ElementApi<
  InterviewNotes,
  'session' | 'doc' | 'strings',
  'interview-moment-select'
>;

/** The public API of `<interview-chat>`. */
export type InterviewChatApi = ElementApi<InterviewChat, 'session' | 'collab' | 'model' | 'replayAt' | 'strings', never>;
