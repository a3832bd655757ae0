import { LocaleCatalog, type FeedbackErrorCode, type Recommendation } from '@interview-kit/core';

/**
 * Every user-facing string of `<interview-feedback>`. The form shows the table of its language
 * ({@link FEEDBACK_LOCALES}); pass a partial table as `strings` to change any of it.
 */
export interface FeedbackStrings {
  heading: string;
  loading: string;
  loadFailed: (reason: string) => string;
  retry: string;
  required: string;
  /** The structured questions asked about a competency, e.g. "Asked: Q2 Tell me about a conflict". */
  asked: (questions: { index: number; title: string }[]) => string;
  /** The accessible name of a rating segment, before its short label: "Rating 3". */
  rating: (level: number) => string;
  /** Under a rating control while no rating is chosen, focused or hovered. */
  notRated: string;
  /** The visible label of an evidence field. */
  evidenceLabel: string;
  /** The accessible name of an evidence field. */
  evidence: (competency: string) => string;
  evidenceHint: string;
  preview: string;
  /** Completes the preview button's accessible name, e.g. "of Problem solving evidence". */
  previewOf: (competency: string) => string;
  /** In a preview of empty evidence. */
  previewEmpty: string;
  /** The tooltip of a time chip in previewed evidence. */
  momentChipTitle: string;
  markMoment: string;
  /** Completes the mark-moment button's accessible name, e.g. "in Problem solving". */
  markMomentIn: (competency: string) => string;
  momentInserted: (time: string) => string;
  recommendation: string;
  recommendations: Record<Recommendation, string>;
  summary: string;
  submit: string;
  submitting: string;
  submitted: (when: string) => string;
  submittedAnnouncement: string;
  fixErrors: (count: number) => string;
  submitFailed: (reason: string) => string;
  alreadySubmitted: string;
  draftSaved: (time: string) => string;
  draftSaving: string;
  draftPending: string;
  draftFailed: string;
  errors: Record<FeedbackErrorCode, string>;
}

export const FEEDBACK_STRINGS_EN: FeedbackStrings = {
  heading: 'Interview feedback',
  loading: 'Loading the feedback form…',
  loadFailed: (reason) => `The feedback form could not be loaded: ${reason}`,
  retry: 'Try again',
  required: 'required',
  asked: (questions) => `Asked: ${questions.map((q) => `Q${q.index + 1} ${q.title}`).join('; ')}`,
  rating: (level) => `Rating ${level}`,
  notRated: 'Not rated yet.',
  evidenceLabel: 'Evidence',
  evidence: (competency) => `Evidence for ${competency}`,
  evidenceHint: 'Evidence is Markdown. Alt+M (or Mark moment) links the current moment, shown as a time chip that opens the replay there.',
  preview: 'Preview',
  previewOf: (competency) => `of ${competency} evidence`,
  previewEmpty: 'Nothing written yet.',
  momentChipTitle: 'Show this moment in the replay',
  markMoment: 'Mark moment',
  markMomentIn: (competency) => `in ${competency} evidence`,
  momentInserted: (time) => `Moment ${time} marked.`,
  recommendation: 'Overall recommendation',
  recommendations: { strong_no: 'Strong no', no: 'No', yes: 'Yes', strong_yes: 'Strong yes' },
  summary: 'Summary',
  submit: 'Submit feedback',
  submitting: 'Submitting…',
  submitted: (when) => `Submitted ${when}. Submitted feedback is final.`,
  submittedAnnouncement: 'Feedback submitted.',
  fixErrors: (count) => (count === 1 ? 'One field needs attention.' : `${count} fields need attention.`),
  submitFailed: (reason) => `The feedback could not be submitted: ${reason}`,
  alreadySubmitted: 'This feedback was already submitted and can no longer be changed.',
  draftSaved: (time) => `Saved as draft at ${time}`,
  draftSaving: 'Saving draft…',
  draftPending: 'Unsaved changes',
  draftFailed: 'Draft not saved yet; retrying',
  errors: {
    'unknown-competency': 'This competency is not part of the rubric.',
    'rating-out-of-range': 'Choose one of the ratings.',
    'rating-required': 'Choose a rating.',
    'recommendation-required': 'Choose a recommendation.',
    'summary-required': 'Write a summary.',
    'too-long': 'This text is too long.',
  },
};

/** The feedback form' strings in every built-in language: English at hand, German, Spanish and Arabic loaded on first need. */
export const FEEDBACK_LOCALES = new LocaleCatalog<FeedbackStrings>(FEEDBACK_STRINGS_EN, {
  de: () => import('./locales/de.js').then((m) => m.FEEDBACK_STRINGS_DE),
  es: () => import('./locales/es.js').then((m) => m.FEEDBACK_STRINGS_ES),
  ar: () => import('./locales/ar.js').then((m) => m.FEEDBACK_STRINGS_AR),
});
