import {
  NetworkError,
  ProblemError,
  Store,
  emptyFeedback,
  validateFeedback,
  type Feedback,
  type FeedbackContent,
  type InterviewSession,
  type ProblemFieldError,
  type Rating,
  type Readable,
  type Recommendation,
  type Rubric,
} from '@interview-kit/core';
import { DraftSaver, type DraftState } from './draft-saver.js';

/**
 * Where the form stands: `idle` (not loaded), `loading`, `hidden` (this viewer gives no feedback),
 * `failed` (loading failed), `ready`.
 */
export type FeedbackPhase = 'idle' | 'loading' | 'hidden' | 'failed' | 'ready';

/** A message about the whole form: fields to fix, submitted elsewhere meanwhile, or a failed submission. */
export type FeedbackNotice =
  | { kind: 'fix-errors'; count: number }
  | { kind: 'already-submitted' }
  | { kind: 'submit-failed'; error: unknown };

/** Everything a {@link FeedbackForm} knows; an immutable snapshot. */
export interface FeedbackFormState {
  phase: FeedbackPhase;
  /** The session's pinned rubric, once loaded. */
  rubric: Rubric | undefined;
  /** The feedback as currently entered. */
  content: FeedbackContent | undefined;
  /** The feedback as the server last stored it (`null`: nothing stored yet). */
  stored: Feedback | null;
  /** Field errors by field path (`competencies.<id>.rating`, `recommendation`, `summary`, …). */
  errors: ReadonlyMap<string, ProblemFieldError>;
  /** Where the autosaved draft stands. */
  draft: DraftState;
  submitting: boolean;
  /** Why loading failed (phase `failed`). */
  loadError: unknown;
  notice: FeedbackNotice | undefined;
}

/**
 * What the line beside the submit button says: nothing yet, unsaved changes, a draft save under
 * way or failed (and retrying), the draft stored at `at`, a submission under way, or the feedback
 * submitted at `at` — only once the server stored it as submitted.
 */
export type SubmitStatus =
  | { kind: 'none' }
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  | { kind: 'save-failed' }
  | { kind: 'draft-saved'; at: string }
  | { kind: 'submitting' }
  | { kind: 'submitted'; at: string };

/** The submit status of a form state (see {@link SubmitStatus}). */
export function submitStatusOf(state: FeedbackFormState): SubmitStatus {
  const { stored, draft, submitting } = state;
  if (stored?.status === 'submitted') return { kind: 'submitted', at: stored.submittedAt ?? stored.updatedAt };
  if (submitting) return { kind: 'submitting' };
  switch (draft) {
    case 'pending':
      return { kind: 'unsaved' };
    case 'saving':
      return { kind: 'saving' };
    case 'failed':
      return { kind: 'save-failed' };
    case 'saved':
      return stored ? { kind: 'draft-saved', at: stored.updatedAt } : { kind: 'none' };
  }
}

/** Options of a {@link FeedbackForm}. */
export interface FeedbackFormOptions {
  /** Quiet time after the last change before the draft is saved, in milliseconds. */
  autosaveDelayMs: number;
  /** The server stored the draft. */
  onSaved?(feedback: Feedback): void;
  /** Loading, saving or submitting failed. */
  onError?(action: 'load' | 'save' | 'submit', error: unknown): void;
}

/** What {@link FeedbackForm.submit} came to: final feedback, fields to fix, or nothing sent or accepted. */
export type SubmitOutcome = { feedback: Feedback } | { invalid: ProblemFieldError[] } | undefined;

/** Roles that give feedback; everyone else sees nothing of it. */
const AUTHOR_ROLES: readonly string[] = ['interviewer', 'observer'];

/** The state of a form that was not loaded. */
export const INITIAL_FEEDBACK_STATE: FeedbackFormState = {
  phase: 'idle',
  rubric: undefined,
  content: undefined,
  stored: null,
  errors: new Map(),
  draft: 'saved',
  submitting: false,
  loadError: undefined,
  notice: undefined,
};

/**
 * The feedback form of one participant in one session, framework-free: loads the pinned rubric
 * and the participant's own feedback, holds the entered content, autosaves it as a draft
 * (debounced, retried while the server is away), validates and submits it, and turns the
 * server's refusals into field errors. `<interview-feedback>` renders `state` and calls the
 * methods below.
 *
 * @example
 * ```ts
 * const form = new FeedbackForm(session, { autosaveDelayMs: 1000 });
 * form.state.subscribe((state) => console.log(state.phase, state.draft));
 * await form.load();
 * form.setRating('problem-solving', 3);
 * const outcome = await form.submit();
 * ```
 */
export class FeedbackForm {
  readonly session: InterviewSession;
  readonly #options: FeedbackFormOptions;
  readonly #store = new Store<FeedbackFormState>(INITIAL_FEEDBACK_STATE);
  #saver: DraftSaver<FeedbackContent> | undefined;
  /** Bumped by every load and by `close()`, so that late answers of an older one are dropped. */
  #generation = 0;

  constructor(session: InterviewSession, options: FeedbackFormOptions) {
    this.session = session;
    this.#options = options;
  }

  /** The form's state; subscribe to follow it. */
  get state(): Readable<FeedbackFormState> {
    return this.#store;
  }

  /** Whether the feedback was submitted (and is therefore read-only). */
  get submitted(): boolean {
    return this.#store.value.stored?.status === 'submitted';
  }

  /** (Re)loads the rubric and the participant's own feedback; unsaved changes are saved first. */
  async load(): Promise<void> {
    const generation = ++this.#generation;
    void this.#saver?.flush().catch(() => {});
    this.#saver = undefined;
    this.#store.update({ phase: 'loading' });
    try {
      const view = this.session.view ?? (await this.session.load());
      if (generation !== this.#generation) return;
      if (!AUTHOR_ROLES.includes(view.viewer.role)) {
        this.#store.update({ phase: 'hidden' });
        return;
      }
      const own = await this.session.client.ownFeedback(this.session.sessionId);
      if (generation !== this.#generation) return;
      this.#saver = this.#createSaver(generation);
      this.#store.update({ rubric: own.rubric, ...contentOf(own.rubric, own.feedback), errors: new Map(), phase: 'ready' });
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#store.update({ loadError: error, phase: 'failed' });
      this.#options.onError?.('load', error);
    }
  }

  /**
   * Submits the feedback. When fields fail the rubric's requirements (checked here first, or by
   * the server), nothing is final and the fields get their errors. A submission that arrives
   * after one made elsewhere reloads the form.
   */
  async submit(): Promise<SubmitOutcome> {
    const { phase, rubric, content, submitting } = this.#store.value;
    if (phase !== 'ready' || !rubric || !content || this.submitted || submitting) return undefined;
    const problems = validateFeedback(rubric, content, 'submit');
    if (problems.length) {
      this.#showErrors(problems);
      return { invalid: problems };
    }
    this.#store.update({ submitting: true, notice: undefined });
    // The submission carries the whole content; a draft save racing it would only be refused.
    this.#saver?.discard();
    await this.#saver?.idle();
    try {
      const feedback = await this.session.client.submitFeedback(this.session.sessionId, content);
      this.#store.update({ ...contentOf(rubric, feedback), submitting: false });
      return { feedback };
    } catch (error) {
      this.#options.onError?.('submit', error);
      this.#store.update({ submitting: false });
      if (error instanceof ProblemError && error.status === 400 && error.problem.errors?.length) {
        this.#showErrors(error.problem.errors);
        return { invalid: error.problem.errors };
      }
      if (error instanceof ProblemError && error.status === 409) {
        await this.load();
        this.#store.update({ notice: { kind: 'already-submitted' } });
      } else {
        this.#store.update({ notice: { kind: 'submit-failed', error } });
        this.#saver?.change(structuredClone(content));
      }
      return undefined;
    }
  }

  setRating(competencyId: string, rating: Rating): void {
    this.#edit([`competencies.${competencyId}.rating`, `competencies.${competencyId}`], (content) => {
      assessmentOf(content, competencyId).rating = rating;
    });
  }

  setEvidence(competencyId: string, evidence: string): void {
    this.#edit([`competencies.${competencyId}.evidence`], (content) => {
      assessmentOf(content, competencyId).evidence = evidence;
    });
  }

  setRecommendation(recommendation: Recommendation): void {
    this.#edit(['recommendation'], (content) => {
      content.recommendation = recommendation;
    });
  }

  setSummary(summary: string): void {
    this.#edit(['summary'], (content) => {
      content.summary = summary;
    });
  }

  /** Saves unsaved changes now; rejects when that save fails. */
  async flush(): Promise<void> {
    await this.#saver?.flush();
  }

  /** Saves unsaved changes and stops: answers still under way are dropped. */
  close(): void {
    this.#generation += 1;
    void this.#saver?.flush().catch(() => {});
    this.#saver = undefined;
  }

  #createSaver(generation: number): DraftSaver<FeedbackContent> {
    return new DraftSaver<FeedbackContent>({
      delayMs: this.#options.autosaveDelayMs,
      save: async (content) => {
        const feedback = await this.session.client.saveFeedbackDraft(this.session.sessionId, content);
        if (generation !== this.#generation) return;
        this.#store.update({ stored: feedback });
        this.#options.onSaved?.(feedback);
      },
      retryable: (error) =>
        error instanceof NetworkError || (error instanceof ProblemError && (error.status >= 500 || error.status === 429 || error.status === 408)),
      onStateChange: (draft, error) => {
        if (generation !== this.#generation) return;
        this.#store.update({ draft });
        if (draft !== 'failed') return;
        this.#options.onError?.('save', error);
        if (error instanceof ProblemError && error.status === 409) {
          void this.load().then(() => this.#store.update({ notice: { kind: 'already-submitted' } }));
        } else if (error instanceof ProblemError && error.status === 400 && error.problem.errors?.length) {
          this.#showErrors(error.problem.errors);
        }
      },
    });
  }

  #edit(paths: string[], change: (content: FeedbackContent) => void): void {
    const { content, errors } = this.#store.value;
    if (!content || this.submitted) return;
    const next = structuredClone(content);
    change(next);
    const patch: Partial<FeedbackFormState> = { content: next };
    if (paths.some((path) => errors.has(path))) {
      const remaining = new Map(errors);
      for (const path of paths) remaining.delete(path);
      patch.errors = remaining;
      if (!remaining.size) patch.notice = undefined;
    }
    this.#store.update(patch);
    this.#saver?.change(structuredClone(next));
  }

  #showErrors(problems: ProblemFieldError[]): void {
    this.#store.update({
      errors: new Map(problems.map((problem) => [problem.path, problem])),
      notice: { kind: 'fix-errors', count: problems.length },
    });
  }
}

/** Stored feedback (or a fresh form) merged over the rubric's empty feedback. */
function contentOf(rubric: Rubric, feedback: Feedback | null): Pick<FeedbackFormState, 'stored' | 'content'> {
  const empty = emptyFeedback(rubric);
  const content = feedback
    ? {
        competencies: { ...empty.competencies, ...structuredClone(feedback.competencies) },
        recommendation: feedback.recommendation,
        summary: feedback.summary,
      }
    : empty;
  return { stored: feedback, content };
}

function assessmentOf(content: FeedbackContent, id: string) {
  return (content.competencies[id] ??= { rating: null, evidence: '' });
}
