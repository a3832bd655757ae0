import { consume } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import {
  NetworkError,
  ProblemError,
  RATING_SCALE,
  RECOMMENDATIONS,
  emptyFeedback,
  formatSessionTime,
  momentLink,
  secondsSince,
  sessionContext,
  validateFeedback,
  type Competency,
  type Feedback,
  type FeedbackContent,
  type FeedbackErrorCode,
  type InterviewSession,
  type OwnFeedback,
  type ProblemFieldError,
  type Rating,
  type Recommendation,
  type Rubric,
} from '@interview-kit/core';
import { FeedbackErrorEvent, FeedbackSaveEvent, FeedbackSubmitEvent } from '../events.js';
import { DraftSaver, type DraftState } from './draft-saver.js';
import { FEEDBACK_STRINGS_EN, type FeedbackStrings } from './feedback.strings.js';
import { feedbackStyles } from './feedback.styles.js';

type Phase = 'idle' | 'loading' | 'hidden' | 'failed' | 'ready';

/** Roles that give feedback; everyone else sees nothing of it. */
const AUTHOR_ROLES: readonly string[] = ['interviewer', 'observer'];

/**
 * @summary A rubric scorecard for interviewers and observers: a rating with anchor texts and
 * evidence notes per competency, an overall recommendation and a summary. The draft is saved to
 * the server as you type; submitted feedback is final and shown read-only.
 *
 * The element needs an {@link InterviewSession} (the `session` property, or the session an
 * `<interview-room>` provides). It loads the session's pinned rubric and the participant's own
 * draft from the reference server, and renders nothing at all for candidates (the server refuses
 * them anyway).
 *
 * Keyboard: Tab moves between rating groups, text fields and buttons; arrow keys choose a rating;
 * Alt+M in an evidence field inserts a link to the current moment of the session, such as
 * `[12:34](#t=754)`, which a replay can jump to.
 *
 * @event interview-feedback-submit - {@link FeedbackSubmitEvent}: the server accepted the submission; `detail.feedback` is final.
 * @event interview-feedback-save - {@link FeedbackSaveEvent}: the draft was stored on the server.
 * @event interview-feedback-error - {@link FeedbackErrorEvent}: loading, saving or submitting failed (`detail.action`, `detail.error`).
 *
 * @csspart form - The form.
 * @csspart header - Heading, rubric title and draft status.
 * @csspart status - The draft status line ("Draft saved", "Submitted …").
 * @csspart competency - The group of one competency.
 * @csspart option - One rating or recommendation choice (label with radio button and anchor text).
 * @csspart evidence - An evidence text field.
 * @csspart mark-moment - The "Mark moment" buttons.
 * @csspart recommendation - The recommendation group.
 * @csspart summary - The summary text field.
 * @csspart error - A validation message next to its field.
 * @csspart form-error - The message about the whole form (fields to fix, submit failures).
 * @csspart submit - The submit button.
 *
 * @cssproperty --interview-font-family - Font of the form.
 * @cssproperty --interview-font-size - Base font size.
 * @cssproperty --interview-color-text - Text colour.
 * @cssproperty --interview-color-muted - Colour of secondary text (anchors, hints, status).
 * @cssproperty --interview-color-surface - Background of the form and fields.
 * @cssproperty --interview-color-border - Border colour of groups and fields.
 * @cssproperty --interview-color-accent - Selected choices, focus rings and the submit button.
 * @cssproperty --interview-feedback-accent - Overrides the accent colour for this element only.
 * @cssproperty --interview-color-on-accent - Text colour on the submit button.
 * @cssproperty --interview-color-danger - Validation messages and invalid fields.
 * @cssproperty --interview-radius - Corner radius.
 * @cssproperty --interview-space - Spacing between groups.
 */
export class InterviewFeedback extends LitElement {
  /** The element's shadow styles; theme it through its CSS custom properties and parts instead. */
  static override styles = feedbackStyles;

  /** The interview session; provided by `<interview-room>` through context when not set. */
  @consume({ context: sessionContext, subscribe: true })
  @property({ attribute: false })
  session: InterviewSession | undefined;

  /** Quiet time after the last change before the draft is saved, in milliseconds. */
  @property({ type: Number, attribute: 'autosave-delay' })
  autosaveDelay = 1000;

  /** Translations: any subset of {@link FeedbackStrings}; English for the rest. */
  @property({ attribute: false })
  strings: Partial<FeedbackStrings> = {};

  @state() private phase: Phase = 'idle';
  @state() private rubric: Rubric | undefined;
  @state() private content: FeedbackContent | undefined;
  @state() private stored: Feedback | null = null;
  @state() private errors = new Map<string, string>();
  @state() private draftState: DraftState = 'saved';
  @state() private submitting = false;
  @state() private loadError = '';
  @state() private formMessage = '';
  @state() private announcement = '';

  #saver: DraftSaver<FeedbackContent> | undefined;
  #loadedSession: InterviewSession | undefined;
  #lastEvidence: string | undefined;
  readonly #onPageHide = () => void this.#saver?.flush().catch(() => {});

  /** Whether the feedback was submitted (and is therefore read-only). */
  get submitted(): boolean {
    return this.stored?.status === 'submitted';
  }

  /** The feedback as currently entered, `undefined` until the form is loaded. */
  get value(): FeedbackContent | undefined {
    return this.content && structuredClone(this.content);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('pagehide', this.#onPageHide);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pagehide', this.#onPageHide);
    // Unsaved keystrokes are sent now rather than lost with the element.
    void this.#saver?.flush().catch(() => {});
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session') && this.session !== this.#loadedSession) void this.reload();
  }

  /** (Re)loads the rubric and the participant's own feedback from the server. */
  async reload(): Promise<void> {
    const session = this.session;
    this.#loadedSession = session;
    void this.#saver?.flush().catch(() => {});
    this.#saver = undefined;
    if (!session) {
      this.phase = 'idle';
      return;
    }
    this.phase = 'loading';
    try {
      const view = session.view ?? (await session.load());
      if (session !== this.session) return;
      if (!AUTHOR_ROLES.includes(view.viewer.role)) {
        this.phase = 'hidden';
        return;
      }
      const own = await session.client.request<OwnFeedback>('GET', `${this.#path(session)}/feedback`);
      if (session !== this.session) return;
      this.#saver = this.#createSaver(session);
      this.rubric = own.rubric;
      this.#show(own.feedback);
      this.errors = new Map();
      this.phase = 'ready';
    } catch (error) {
      if (session !== this.session) return;
      this.loadError = reasonOf(error);
      this.phase = 'failed';
      this.dispatchEvent(new FeedbackErrorEvent({ action: 'load', error }));
    }
  }

  /**
   * Submits the feedback. Fields failing the rubric's requirements get their messages and the
   * first one is focused; nothing is sent then. Resolves with the final feedback, or `undefined`
   * when nothing was submitted.
   */
  async submit(): Promise<Feedback | undefined> {
    const { session, rubric, content } = this;
    if (this.phase !== 'ready' || !session || !rubric || !content || this.submitted || this.submitting) return undefined;
    const problems = validateFeedback(rubric, content, 'submit');
    if (problems.length) {
      await this.#showErrors(problems);
      return undefined;
    }
    this.submitting = true;
    this.formMessage = '';
    // The submission carries the whole content; a draft save racing it would only be refused.
    this.#saver?.discard();
    await this.#saver?.idle();
    try {
      const feedback = await session.client.request<Feedback>('POST', `${this.#path(session)}/feedback`, content);
      this.#show(feedback);
      this.announcement = this.#t.submittedAnnouncement;
      this.dispatchEvent(new FeedbackSubmitEvent({ feedback }));
      return feedback;
    } catch (error) {
      this.dispatchEvent(new FeedbackErrorEvent({ action: 'submit', error }));
      if (error instanceof ProblemError && error.status === 400 && error.problem.errors?.length) {
        await this.#showErrors(error.problem.errors);
      } else if (error instanceof ProblemError && error.status === 409) {
        await this.reload();
        this.formMessage = this.#t.alreadySubmitted;
      } else {
        this.formMessage = this.#t.submitFailed(reasonOf(error));
        this.#saver?.change(structuredClone(content));
      }
      return undefined;
    } finally {
      this.submitting = false;
    }
  }

  /**
   * Inserts a link to the current moment of the session (time since it was created) into a
   * competency's evidence, at the caret; by default into the evidence edited last.
   */
  async markMoment(competencyId = this.#lastEvidence ?? this.rubric?.competencies[0]?.id): Promise<void> {
    const createdAt = this.session?.view?.createdAt;
    if (!createdAt || !competencyId || this.submitted || this.phase !== 'ready') return;
    const textarea = this.renderRoot.querySelector<HTMLTextAreaElement>(`#evidence-${CSS.escape(competencyId)}`);
    if (!textarea) return;
    const seconds = secondsSince(createdAt);
    const { selectionStart: start, selectionEnd: end, value } = textarea;
    const separator = start > 0 && !/\s/.test(value[start - 1]!) ? ' ' : '';
    textarea.setRangeText(`${separator}${momentLink(seconds)} `, start, end, 'end');
    this.#setEvidence(competencyId, textarea.value);
    this.announcement = this.#t.momentInserted(formatSessionTime(seconds));
    await this.updateComplete;
    textarea.focus();
  }

  protected override render(): TemplateResult | typeof nothing {
    const t = this.#t;
    switch (this.phase) {
      case 'idle':
      case 'hidden':
        return nothing;
      case 'loading':
        return html`<p part="status" role="status">${t.loading}</p>`;
      case 'failed':
        return html`<p part="form-error" role="alert">${t.loadFailed(this.loadError)}</p>
          <button type="button" @click=${() => this.reload()}>${t.retry}</button>`;
    }
    const rubric = this.rubric!;
    const readOnly = this.submitted;
    return html`
      <form part="form" novalidate aria-labelledby="heading" @submit=${this.#onSubmit}>
        <header part="header">
          <div>
            <h2 id="heading">${t.heading}</h2>
            <p class="rubric-title">${rubric.title}</p>
          </div>
          <p part="status">${this.#statusText()}</p>
        </header>
        <fieldset class="frame" ?disabled=${readOnly}>
          ${readOnly ? nothing : html`<p class="hint" id="evidence-hint">${t.evidenceHint}</p>`}
          ${rubric.competencies.map((competency) => this.#renderCompetency(competency, readOnly))}
          ${this.#renderRecommendation(rubric)} ${this.#renderSummary(rubric)}
        </fieldset>
        <p part="form-error" role="alert">${this.formMessage}</p>
        ${readOnly
          ? nothing
          : html`<button part="submit" type="submit" ?disabled=${this.submitting}>
              ${this.submitting ? t.submitting : t.submit}
            </button>`}
        <p class="visually-hidden" role="status">${this.announcement}</p>
      </form>
    `;
  }

  #renderCompetency(competency: Competency, readOnly: boolean): TemplateResult {
    const t = this.#t;
    const id = competency.id;
    const assessment = this.content!.competencies[id] ?? { rating: null, evidence: '' };
    const ratingError = this.errors.get(`competencies.${id}.rating`) ?? this.errors.get(`competencies.${id}`);
    const evidenceError = this.errors.get(`competencies.${id}.evidence`);
    return html`
      <fieldset
        part="competency"
        class="group ${ratingError ? 'invalid' : ''}"
        data-competency=${id}
        aria-describedby="description-${id} ${ratingError ? `rating-error-${id}` : ''}"
      >
        <legend>${competency.title}${competency.required ? html` <span class="required">(${t.required})</span>` : nothing}</legend>
        ${competency.description ? html`<p class="description" id="description-${id}">${competency.description}</p>` : nothing}
        <div class="options">
          ${RATING_SCALE.map(
            (level, index) => html`
              <label part="option">
                <input
                  type="radio"
                  name="rating-${id}"
                  value=${level}
                  .checked=${live(assessment.rating === level)}
                  @change=${() => this.#setRating(id, level)}
                />
                <span class="level">${t.rating(level)}</span>
                <span class="anchor">${competency.anchors[index]}</span>
              </label>
            `,
          )}
        </div>
        ${ratingError ? html`<p part="error" id="rating-error-${id}">${ratingError}</p>` : nothing}
        <div class="evidence-row">
          <label class="field" for="evidence-${id}">${t.evidence(competency.title)}</label>
          ${readOnly
            ? nothing
            : html`<button type="button" part="mark-moment" @click=${() => this.markMoment(id)}>
                ${t.markMoment}<span class="visually-hidden"> ${t.markMomentIn(competency.title)}</span>
              </button>`}
        </div>
        <textarea
          id="evidence-${id}"
          part="evidence"
          aria-describedby="${readOnly ? '' : 'evidence-hint'} ${evidenceError ? `evidence-error-${id}` : ''}"
          aria-invalid=${evidenceError ? 'true' : 'false'}
          .value=${live(assessment.evidence)}
          @input=${(event: Event) => this.#setEvidence(id, (event.target as HTMLTextAreaElement).value)}
          @focus=${() => (this.#lastEvidence = id)}
          @keydown=${(event: KeyboardEvent) => this.#onEvidenceKey(event, id)}
        ></textarea>
        ${evidenceError ? html`<p part="error" id="evidence-error-${id}">${evidenceError}</p>` : nothing}
      </fieldset>
    `;
  }

  #renderRecommendation(rubric: Rubric): TemplateResult {
    const t = this.#t;
    const error = this.errors.get('recommendation');
    return html`
      <fieldset
        part="recommendation"
        class="group ${error ? 'invalid' : ''}"
        aria-describedby=${error ? 'recommendation-error' : nothing}
      >
        <legend>${t.recommendation}${rubric.requires.recommendation ? html` <span class="required">(${t.required})</span>` : nothing}</legend>
        <div class="options compact">
          ${RECOMMENDATIONS.map(
            (choice) => html`
              <label part="option">
                <input
                  type="radio"
                  name="recommendation"
                  value=${choice}
                  .checked=${live(this.content!.recommendation === choice)}
                  @change=${() => this.#setRecommendation(choice)}
                />
                <span class="level">${t.recommendations[choice]}</span>
              </label>
            `,
          )}
        </div>
        ${error ? html`<p part="error" id="recommendation-error">${error}</p>` : nothing}
      </fieldset>
    `;
  }

  #renderSummary(rubric: Rubric): TemplateResult {
    const t = this.#t;
    const error = this.errors.get('summary');
    return html`
      <div class="summary">
        <label class="field" for="summary">${t.summary}${rubric.requires.summary ? html` <span class="required">(${t.required})</span>` : nothing}</label>
        <textarea
          id="summary"
          part="summary"
          aria-describedby=${error ? 'summary-error' : nothing}
          aria-invalid=${error ? 'true' : 'false'}
          .value=${live(this.content!.summary)}
          @input=${(event: Event) => this.#setSummary((event.target as HTMLTextAreaElement).value)}
        ></textarea>
        ${error ? html`<p part="error" id="summary-error">${error}</p>` : nothing}
      </div>
    `;
  }

  get #t(): FeedbackStrings {
    return { ...FEEDBACK_STRINGS_EN, ...this.strings };
  }

  #statusText(): string {
    const t = this.#t;
    if (this.submitted) {
      const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(this.stored!.submittedAt!));
      return t.submitted(when);
    }
    if (!this.stored && this.draftState === 'saved') return '';
    return { saved: t.draftSaved, saving: t.draftSaving, pending: t.draftPending, failed: t.draftFailed }[this.draftState];
  }

  #path(session: InterviewSession): string {
    return `/v1/sessions/${encodeURIComponent(session.sessionId)}`;
  }

  #createSaver(session: InterviewSession): DraftSaver<FeedbackContent> {
    return new DraftSaver<FeedbackContent>({
      delayMs: this.autosaveDelay,
      save: async (content) => {
        const feedback = await session.client.request<Feedback>('PUT', `${this.#path(session)}/feedback/draft`, content);
        if (session !== this.session) return;
        this.stored = feedback;
        this.dispatchEvent(new FeedbackSaveEvent({ feedback }));
      },
      retryable: (error) =>
        error instanceof NetworkError || (error instanceof ProblemError && (error.status >= 500 || error.status === 429 || error.status === 408)),
      onStateChange: (state, error) => {
        if (session !== this.session) return;
        this.draftState = state;
        if (state !== 'failed') return;
        this.dispatchEvent(new FeedbackErrorEvent({ action: 'save', error }));
        if (error instanceof ProblemError && error.status === 409) {
          void this.reload().then(() => (this.formMessage = this.#t.alreadySubmitted));
        } else if (error instanceof ProblemError && error.status === 400 && error.problem.errors?.length) {
          void this.#showErrors(error.problem.errors, { focus: false });
        }
      },
    });
  }

  /** Shows stored feedback (or a fresh form) merged over the rubric's empty feedback. */
  #show(feedback: Feedback | null): void {
    this.stored = feedback;
    const empty = emptyFeedback(this.rubric!);
    this.content = feedback
      ? {
          competencies: { ...empty.competencies, ...structuredClone(feedback.competencies) },
          recommendation: feedback.recommendation,
          summary: feedback.summary,
        }
      : empty;
  }

  #edit(paths: string[], change: (content: FeedbackContent) => void): void {
    if (!this.content || this.submitted) return;
    const next = structuredClone(this.content);
    change(next);
    this.content = next;
    if (paths.some((path) => this.errors.has(path))) {
      const errors = new Map(this.errors);
      for (const path of paths) errors.delete(path);
      this.errors = errors;
      if (!errors.size) this.formMessage = '';
    }
    this.#saver?.change(structuredClone(next));
  }

  #assessment(content: FeedbackContent, id: string) {
    return (content.competencies[id] ??= { rating: null, evidence: '' });
  }

  #setRating(id: string, rating: Rating): void {
    this.#edit([`competencies.${id}.rating`, `competencies.${id}`], (content) => (this.#assessment(content, id).rating = rating));
  }

  #setEvidence(id: string, evidence: string): void {
    this.#edit([`competencies.${id}.evidence`], (content) => (this.#assessment(content, id).evidence = evidence));
  }

  #setRecommendation(recommendation: Recommendation): void {
    this.#edit(['recommendation'], (content) => (content.recommendation = recommendation));
  }

  #setSummary(summary: string): void {
    this.#edit(['summary'], (content) => (content.summary = summary));
  }

  #onEvidenceKey(event: KeyboardEvent, id: string): void {
    if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyM') {
      event.preventDefault();
      void this.markMoment(id);
    }
  }

  readonly #onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    void this.submit();
  };

  async #showErrors(problems: ProblemFieldError[], { focus = true } = {}): Promise<void> {
    const t = this.#t;
    this.errors = new Map(
      problems.map((problem) => {
        const code = (problem as { code?: FeedbackErrorCode }).code;
        return [problem.path, (code && t.errors[code]) || problem.message];
      }),
    );
    this.formMessage = t.fixErrors(problems.length);
    await this.updateComplete;
    if (focus) this.#controlFor(problems[0]!.path)?.focus();
  }

  /** The control a field path refers to: the chosen (or first) radio of a group, or a text field. */
  #controlFor(path: string): HTMLElement | null {
    const root = this.renderRoot;
    const radio = (name: string) =>
      root.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`) ?? root.querySelector<HTMLInputElement>(`input[name="${name}"]`);
    const [head, id, field] = path.split('.');
    if (head === 'recommendation') return radio('recommendation');
    if (head === 'summary') return root.querySelector('#summary');
    if (head === 'competencies' && id) {
      return field === 'evidence' ? root.querySelector(`#evidence-${CSS.escape(id)}`) : radio(`rating-${CSS.escape(id)}`);
    }
    return null;
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
