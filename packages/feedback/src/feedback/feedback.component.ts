import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import {
  RATING_SCALE,
  RECOMMENDATIONS,
  SessionController,
  formatSessionTime,
  momentLink,
  secondsSince,
  type Competency,
  type Feedback,
  type FeedbackContent,
  type FeedbackErrorCode,
  type InterviewSession,
  type Rubric,
} from '@interview-kit/core';
import { FeedbackErrorEvent, FeedbackSaveEvent, FeedbackSubmitEvent } from '../events.js';
import { FeedbackForm, INITIAL_FEEDBACK_STATE, type FeedbackFormState } from './feedback-form.js';
import { FEEDBACK_STRINGS_EN, type FeedbackStrings } from './feedback.strings.js';
import { feedbackStyles } from './feedback.styles.js';


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
 * The form's logic (loading, autosave, validation, submission) lives in a framework-free
 * {@link FeedbackForm}; the element renders its state.
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
  @property({ attribute: false })
  session: InterviewSession | undefined;

  /** Quiet time after the last change before the draft is saved, in milliseconds. */
  @property({ type: Number, attribute: 'autosave-delay' })
  autosaveDelay = 1000;

  /** Translations: any subset of {@link FeedbackStrings}; English for the rest. */
  @property({ attribute: false })
  strings: Partial<FeedbackStrings> = {};

  @state() private formState: FeedbackFormState = INITIAL_FEEDBACK_STATE;
  @state() private announcement = '';

  #form: FeedbackForm | undefined;
  #unsubscribe: (() => void) | undefined;
  #lastEvidence: string | undefined;

  constructor() {
    super();
    new SessionController(this, {
      bind: (session, cleanup) => {
        if (this.#form?.session !== session) this.#open(session);
        const flush = () => void this.#form?.flush().catch(() => {});
        cleanup.listen(window, 'pagehide', flush);
        // Unsaved keystrokes are sent now rather than lost with the element (or the session).
        cleanup.add(() => (this.session === session ? flush() : this.#close()));
      },
    });
  }

  /** The form behind the element, once there is a session. */
  get form(): FeedbackForm | undefined {
    return this.#form;
  }

  /** Whether the feedback was submitted (and is therefore read-only). */
  get submitted(): boolean {
    return this.formState.stored?.status === 'submitted';
  }

  /** The feedback as currently entered, `undefined` until the form is loaded. */
  get value(): FeedbackContent | undefined {
    return this.formState.content && structuredClone(this.formState.content);
  }

  /** (Re)loads the rubric and the participant's own feedback from the server. */
  async reload(): Promise<void> {
    if (!this.session) {
      this.#close();
      return;
    }
    if (this.#form?.session !== this.session) this.#open(this.session);
    await this.#form!.load();
  }

  /**
   * Submits the feedback. Fields failing the rubric's requirements get their messages and the
   * first one is focused; nothing is sent then. Resolves with the final feedback, or `undefined`
   * when nothing was submitted.
   */
  async submit(): Promise<Feedback | undefined> {
    const outcome = await this.#form?.submit();
    if (outcome && 'feedback' in outcome) {
      this.announcement = this.#t.submittedAnnouncement;
      this.dispatchEvent(new FeedbackSubmitEvent({ feedback: outcome.feedback }));
      return outcome.feedback;
    }
    if (outcome) {
      await this.updateComplete;
      this.#controlFor(outcome.invalid[0]!.path)?.focus();
    }
    return undefined;
  }

  /**
   * Inserts a link to the current moment of the session (time since it was created) into a
   * competency's evidence, at the caret; by default into the evidence edited last.
   */
  async markMoment(competencyId = this.#lastEvidence ?? this.formState.rubric?.competencies[0]?.id): Promise<void> {
    const createdAt = this.session?.view?.createdAt;
    if (!createdAt || !competencyId || this.submitted || this.formState.phase !== 'ready') return;
    const textarea = this.renderRoot.querySelector<HTMLTextAreaElement>(`#evidence-${CSS.escape(competencyId)}`);
    if (!textarea) return;
    const seconds = secondsSince(createdAt);
    const { selectionStart: start, selectionEnd: end, value } = textarea;
    const separator = start > 0 && !/\s/.test(value[start - 1]!) ? ' ' : '';
    textarea.setRangeText(`${separator}${momentLink(seconds)} `, start, end, 'end');
    this.#form?.setEvidence(competencyId, textarea.value);
    this.announcement = this.#t.momentInserted(formatSessionTime(seconds));
    await this.updateComplete;
    textarea.focus();
  }

  protected override render(): TemplateResult | typeof nothing {
    const t = this.#t;
    const { phase, submitting } = this.formState;
    switch (phase) {
      case 'idle':
      case 'hidden':
        return nothing;
      case 'loading':
        return html`<p part="status" role="status">${t.loading}</p>`;
      case 'failed':
        return html`<p part="form-error" role="alert">${t.loadFailed(reasonOf(this.formState.loadError))}</p>
          <button type="button" @click=${() => this.reload()}>${t.retry}</button>`;
    }
    const rubric = this.formState.rubric!;
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
        <p part="form-error" role="alert">${this.#noticeText()}</p>
        ${readOnly
          ? nothing
          : html`<button part="submit" type="submit" ?disabled=${submitting}>
              ${submitting ? t.submitting : t.submit}
            </button>`}
        <p class="visually-hidden" role="status">${this.announcement}</p>
      </form>
    `;
  }

  #renderCompetency(competency: Competency, readOnly: boolean): TemplateResult {
    const t = this.#t;
    const id = competency.id;
    const assessment = this.formState.content!.competencies[id] ?? { rating: null, evidence: '' };
    const ratingError = this.#errorText(`competencies.${id}.rating`) || this.#errorText(`competencies.${id}`);
    const evidenceError = this.#errorText(`competencies.${id}.evidence`);
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
                  @change=${() => this.#form?.setRating(id, level)}
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
          @input=${(event: Event) => this.#form?.setEvidence(id, (event.target as HTMLTextAreaElement).value)}
          @focus=${() => (this.#lastEvidence = id)}
          @keydown=${(event: KeyboardEvent) => this.#onEvidenceKey(event, id)}
        ></textarea>
        ${evidenceError ? html`<p part="error" id="evidence-error-${id}">${evidenceError}</p>` : nothing}
      </fieldset>
    `;
  }

  #renderRecommendation(rubric: Rubric): TemplateResult {
    const t = this.#t;
    const error = this.#errorText('recommendation');
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
                  .checked=${live(this.formState.content!.recommendation === choice)}
                  @change=${() => this.#form?.setRecommendation(choice)}
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
    const error = this.#errorText('summary');
    return html`
      <div class="summary">
        <label class="field" for="summary">${t.summary}${rubric.requires.summary ? html` <span class="required">(${t.required})</span>` : nothing}</label>
        <textarea
          id="summary"
          part="summary"
          aria-describedby=${error ? 'summary-error' : nothing}
          aria-invalid=${error ? 'true' : 'false'}
          .value=${live(this.formState.content!.summary)}
          @input=${(event: Event) => this.#form?.setSummary((event.target as HTMLTextAreaElement).value)}
        ></textarea>
        ${error ? html`<p part="error" id="summary-error">${error}</p>` : nothing}
      </div>
    `;
  }

  get #t(): FeedbackStrings {
    return { ...FEEDBACK_STRINGS_EN, ...this.strings };
  }

  /** A form for `session`, in place of the one before; its errors and saves become the element's events. */
  #open(session: InterviewSession): void {
    this.#close();
    const form = new FeedbackForm(session, {
      autosaveDelayMs: this.autosaveDelay,
      onSaved: (feedback) => this.dispatchEvent(new FeedbackSaveEvent({ feedback })),
      onError: (action, error) => this.dispatchEvent(new FeedbackErrorEvent({ action, error })),
    });
    this.#form = form;
    this.#unsubscribe = form.state.subscribe((next) => (this.formState = next));
    void form.load();
  }

  #close(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#form?.close();
    this.#form = undefined;
    this.formState = INITIAL_FEEDBACK_STATE;
  }

  #statusText(): string {
    const t = this.#t;
    const { stored, draft } = this.formState;
    if (this.submitted) {
      const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(stored!.submittedAt!));
      return t.submitted(when);
    }
    if (!stored && draft === 'saved') return '';
    return { saved: t.draftSaved, saving: t.draftSaving, pending: t.draftPending, failed: t.draftFailed }[draft];
  }

  #noticeText(): string {
    const t = this.#t;
    const notice = this.formState.notice;
    switch (notice?.kind) {
      case 'fix-errors':
        return t.fixErrors(notice.count);
      case 'already-submitted':
        return t.alreadySubmitted;
      case 'submit-failed':
        return t.submitFailed(reasonOf(notice.error));
      default:
        return '';
    }
  }

  /** The message of a field's error, translated by its code where the table has one; `''` without error. */
  #errorText(path: string): string {
    const problem = this.formState.errors.get(path);
    if (!problem) return '';
    const code = (problem as { code?: FeedbackErrorCode }).code;
    return (code && this.#t.errors[code]) || problem.message;
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
