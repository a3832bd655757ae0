/**
 * `<interview-feedback>`: the rubric scorecard interviewers and observers fill in, with draft
 * autosave and final submission; `<interview-notes>`: the interviewers' live-shared private notes;
 * `<interview-chat>`: the session's text chat, for every participant. Import
 * `@interview-kit/feedback/define` to register all three, or `@interview-kit/feedback/chat` for the
 * chat alone.
 *
 * @module @interview-kit/feedback
 */
export { InterviewFeedback } from './feedback/feedback.component.js';
export { FEEDBACK_LOCALES, FEEDBACK_STRINGS_EN, type FeedbackStrings } from './feedback/feedback.strings.js';
export { DraftSaver, type DraftSaverOptions, type DraftState } from './feedback/draft-saver.js';
export {
  FeedbackForm,
  INITIAL_FEEDBACK_STATE,
  type FeedbackFormOptions,
  type FeedbackFormState,
  type FeedbackNotice,
  type FeedbackPhase,
  type SubmitOutcome,
  type SubmitStatus,
  submitStatusOf,
} from './feedback/feedback-form.js';
export { InterviewNotes } from './notes/notes.component.js';
export { NOTES_LOCALES, NOTES_STRINGS_EN, type NotesStrings } from './notes/notes.strings.js';
export { bindTextarea } from './notes/textarea-binding.js';
export { InterviewChat } from './chat/chat.component.js';
export { CHAT_LOCALES, CHAT_STRINGS_EN, type ChatStrings } from './chat/chat.strings.js';
export * from './events.js';
