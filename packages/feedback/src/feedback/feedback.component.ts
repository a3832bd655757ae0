import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import {
  RATING_SCALE,
  RECOMMENDATIONS,
  LocaleController,
  SessionController,
  type Competency,
  type Feedback,
  type FeedbackContent,
  type FeedbackErrorCode,
  type InterviewSession,
  type PartialStrings,
  type Rating,
  type Rubric,
} from '@interview-kit/core';
import { FeedbackErrorEvent, FeedbackSaveEvent, FeedbackSubmitEvent, MomentSelectEvent } from '../events.js';
import { insertMomentLink, momentAt, momentNow } from '../moments.js';
import { askedFor } from './asked-questions.js';
import { momentChipSeconds, renderEvidence } from './evidence-preview.js';
import { FeedbackForm, INITIAL_FEEDBACK_STATE, submitStatusOf, type FeedbackFormState } from './feedback-form.js';
import { FEEDBACK_LOCALES, type FeedbackStrings } from './feedback.strings.js';
import { feedbackStyles } from './feedback.styles.js';

/**
 * @summary A rubric scorecard for interviewers and observers, compact enough for a tool rail beside
 * the code (about 22rem): a 1–4 rating per competency, evidence notes in Markdown, an overall
 * recommendation and a summary. The draft is saved to the server as you type; submitted feedback
 * is final and shown read-only.
 *
 * Each competency's rating is a segmented control (a radio group): the segments show the number
 * and, when the rubric has them, the short labels of the levels; under it, the anchor text of the
 * hovered or focused level, else of the chosen one, says what the rating means. In a session of
 * several questions, each competency names the structured questions asked about it so far
 * ("Asked: Q2 Explain to a non-engineer"). Evidence is a
 * Markdown field with a Preview toggle; submitted evidence is shown rendered. "Mark moment" (or
 * Alt+M in an evidence field) inserts a link to the current moment of the session, such as
 * `[12:34](#t=754)`, counted from the interview's start (from its creation before the start);
 * rendered, it is a time chip (⏱ 12:34), and clicking the chip dispatches
 * `interview-moment-select` with that moment, which `<interview-room>` answers with the replay.
 * The line beside the submit button says where the feedback stands ("Saved as draft at …",
 * "Submitted …" once the server stored it, or why a submission was refused).
 *
 * The element needs an `InterviewSession` (the `session` property, or the session an
 * `<interview-room>` provides). It loads the session's pinned rubric and the participant's own
 * draft from the reference server, and renders nothing at all for candidates (the server refuses
 * them anyway). It follows the light or dark colour scheme it inherits, or its `theme` attribute
 * (`light`, `dark`, `auto`).
 *
 * The form's logic (loading, autosave, validation, submission, the submit status) lives in a
 * framework-free `FeedbackForm`; the element renders its state.
 *
 * Keyboard: Tab moves between rating groups, buttons and text fields; arrow keys choose a rating;
 * Alt+M in an evidence field marks the moment.
 *
 * @attr theme - `light`, `dark` or `auto` (the reader's preference); inherited from the page when absent.
 *
 * @fires {FeedbackSubmitEvent} interview-feedback-submit - The server accepted the submission; `detail.feedback` is final.
 * @fires {FeedbackSaveEvent} interview-feedback-save - The draft was stored on the server.
 * @fires {FeedbackErrorEvent} interview-feedback-error - Loading, saving or submitting failed (`detail.action`, `detail.error`).
 * @fires {MomentSelectEvent} interview-moment-select - A time chip was clicked; `detail.at` is its moment in epoch milliseconds.
 *
 * @csspart form - The form.
 * @csspart header - Heading and rubric title.
 * @csspart competency - The group of one competency.
 * @csspart asked - Under a competency: the structured questions of the session asked about it ("Asked: Q2 …").
 * @csspart rating - The segmented rating control of a competency.
 * @csspart segment - One rating segment (also part `option`).
 * @csspart anchor - The anchor text under a rating control.
 * @csspart option - One rating or recommendation choice.
 * @csspart evidence - An evidence text field.
 * @csspart mark-moment - The "Mark moment" buttons.
 * @csspart preview-toggle - The "Preview" toggle buttons of the evidence fields.
 * @csspart preview - Rendered evidence (in preview, and once submitted).
 * @csspart moment - A time chip in rendered evidence.
 * @csspart recommendation - The recommendation group.
 * @csspart summary - The summary text field.
 * @csspart error - A validation message next to its field.
 * @csspart actions - The submit button with its status and refusal lines.
 * @csspart status - The line beside the submit button ("Saved as draft at …", "Submitted …").
 * @csspart form-error - The refusal beside the submit button (fields to fix, submit failures).
 * @csspart submit - The submit button.
 *
 * @cssproperty --interview-font-family - Font of the form.
 * @cssproperty --interview-font-size - Base font size.
 * @cssproperty --interview-color-text - Text colour.
 * @cssproperty --interview-color-muted - Colour of secondary text (anchors, hints, status).
 * @cssproperty --interview-color-surface - Background of the form and fields.
 * @cssproperty --interview-color-surface-raised - Background of previews, time chips and hovered segments.
 * @cssproperty --interview-color-border - Border colour of groups and fields.
 * @cssproperty --interview-color-accent - Chosen ratings, links, focus rings and the submit button.
 * @cssproperty --interview-feedback-accent - Overrides the accent colour for this element only.
 * @cssproperty --interview-color-on-accent - Text on the accent colour (chosen ratings, submit button).
 * @cssproperty --interview-color-danger - Validation messages and invalid fields.
 * @cssproperty --interview-color-success - The "Submitted" status.
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

  /**
   * The host page's strings: any subset of {@link FeedbackStrings}, over the table of the element's
   * language (its `lang` attribute, else the nearest ancestor's or the document's).
   */
  @property({ attribute: false })
  strings: PartialStrings<FeedbackStrings> = {};

  readonly #locale = new LocaleController(this, FEEDBACK_LOCALES, { strings: () => this.strings });

  @state() private formState: FeedbackFormState = INITIAL_FEEDBACK_STATE;
  @state() private announcement = '';
  /** The rating under the pointer and the focused one, by competency: their anchors show. */
  @state() private hovered: Readonly<Record<string, Rating>> = {};
  @state() private focused: Readonly<Record<string, Rating>> = {};
  /** The competencies whose evidence shows rendered instead of the text field. */
  @state() private previewing: ReadonlySet<string> = new Set();

  #form: FeedbackForm | undefined;
  #unsubscribe: (() => void) | undefined;
  #lastEvidence: string | undefined;

  constructor() {
    super();
    new SessionController(this, {
      bind: (session, cleanup) => {
        if (this.#form?.session !== session) this.#open(session);
        // A structured question reached (or left) changes what each competency was asked about.
        cleanup.listen(session, 'change', () => this.requestUpdate());
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
      // An evidence field to fix comes back from its preview.
      const [head, id, field] = outcome.invalid[0]!.path.split('.');
      if (head === 'competencies' && id && field === 'evidence') this.#setPreview(id, false);
      await this.updateComplete;
      this.#controlFor(outcome.invalid[0]!.path)?.focus();
    }
    return undefined;
  }

  /**
   * Inserts a link to the current moment of the session (time since the interview started, or
   * since the session was created before the start) into a competency's evidence, at the caret;
   * by default into the evidence edited last. A previewed field turns back into the text field.
   */
  async markMoment(competencyId = this.#lastEvidence ?? this.formState.rubric?.competencies[0]?.id): Promise<void> {
    if (!this.session?.view || !competencyId || this.submitted || this.formState.phase !== 'ready') return;
    if (this.previewing.has(competencyId)) {
      this.#setPreview(competencyId, false);
      await this.updateComplete;
    }
    const textarea = this.renderRoot.querySelector<HTMLTextAreaElement>(`#evidence-${CSS.escape(competencyId)}`);
    if (!textarea) return;
    const time = insertMomentLink(textarea, momentNow(this.session.view));
    this.#form?.setEvidence(competencyId, textarea.value);
    this.announcement = this.#t.momentInserted(time);
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
          <h2 id="heading">${t.heading}</h2>
          <p class="rubric-title">${rubric.title}</p>
        </header>
        <fieldset class="frame" ?disabled=${readOnly}>
          ${readOnly ? nothing : html`<p class="hint" id="evidence-hint">${t.evidenceHint}</p>`}
          ${rubric.competencies.map((competency) => this.#renderCompetency(competency, readOnly))}
          ${this.#renderRecommendation(rubric)} ${this.#renderSummary(rubric)}
        </fieldset>
        <div class="actions" part="actions">
          ${readOnly
            ? nothing
            : html`<button part="submit" type="submit" ?disabled=${submitting}>${submitting ? t.submitting : t.submit}</button>`}
          <div class="confirmation">
            <p part="form-error" role="alert">${this.#noticeText()}</p>
            <p part="status" role="status" class=${readOnly ? 'final' : ''}>${this.#statusText()}</p>
          </div>
        </div>
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
    const shown = this.hovered[id] ?? this.focused[id] ?? assessment.rating;
    const previewing = readOnly || this.previewing.has(id);
    const asked = askedFor(this.session?.view, id);
    return html`
      <fieldset
        part="competency"
        class="group ${ratingError ? 'invalid' : ''}"
        data-competency=${id}
        aria-describedby="description-${id} ${ratingError ? `rating-error-${id}` : ''}"
      >
        <legend id="legend-${id}">${competency.title}${competency.required ? html` <span class="required">(${t.required})</span>` : nothing}</legend>
        ${competency.description ? html`<p class="description" id="description-${id}">${competency.description}</p>` : nothing}
        ${asked.length ? html`<p part="asked" class="asked">${t.asked(asked)}</p>` : nothing}
        <div class="segments" part="rating" role="radiogroup" aria-labelledby="legend-${id}">
          ${RATING_SCALE.map(
            (level, index) => html`
              <label
                part="option segment"
                class="segment"
                @pointerenter=${() => (this.hovered = { ...this.hovered, [id]: level })}
                @pointerleave=${() => (this.hovered = without(this.hovered, id))}
              >
                <input
                  type="radio"
                  name="rating-${id}"
                  value=${level}
                  aria-describedby="anchor-${id}-${level}"
                  .checked=${live(assessment.rating === level)}
                  @change=${() => this.#form?.setRating(id, level)}
                  @focus=${() => (this.focused = { ...this.focused, [id]: level })}
                  @blur=${() => (this.focused = without(this.focused, id))}
                />
                <span class="number" aria-hidden="true">${level}</span>
                <span class="visually-hidden">${t.rating(level)}</span>
                ${competency.labels ? html`<span class="short">${competency.labels[index]}</span>` : nothing}
              </label>
            `,
          )}
        </div>
        <p part="anchor" class="anchor ${shown ? '' : 'unrated'}" aria-hidden="true">${shown ? competency.anchors[shown - 1] : t.notRated}</p>
        ${RATING_SCALE.map((level, index) => html`<span hidden id="anchor-${id}-${level}">${competency.anchors[index]}</span>`)}
        ${ratingError ? html`<p part="error" id="rating-error-${id}">${ratingError}</p>` : nothing}
        <div class="evidence-row">
          ${previewing
            ? html`<span class="field">${t.evidenceLabel}</span>`
            : html`<label class="field" for="evidence-${id}">${t.evidenceLabel}</label>`}
          ${readOnly
            ? nothing
            : html`<span class="tools">
                <button type="button" part="mark-moment" @click=${() => this.markMoment(id)}>
                  ${t.markMoment}<span class="visually-hidden"> ${t.markMomentIn(competency.title)}</span>
                </button>
                <button type="button" part="preview-toggle" aria-pressed=${previewing ? 'true' : 'false'} @click=${() => this.#setPreview(id, !previewing)}>
                  ${t.preview}<span class="visually-hidden"> ${t.previewOf(competency.title)}</span>
                </button>
              </span>`}
        </div>
        ${previewing ? this.#renderPreview(assessment.evidence) : this.#renderEvidenceField(competency, assessment.evidence, evidenceError)}
        ${evidenceError ? html`<p part="error" id="evidence-error-${id}">${evidenceError}</p>` : nothing}
      </fieldset>
    `;
  }

  #renderEvidenceField(competency: Competency, evidence: string, error: string): TemplateResult {
    const id = competency.id;
    return html`<textarea
      id="evidence-${id}"
      part="evidence"
      aria-label=${this.#t.evidence(competency.title)}
      aria-describedby="evidence-hint ${error ? `evidence-error-${id}` : ''}"
      aria-invalid=${error ? 'true' : 'false'}
      .value=${live(evidence)}
      @input=${(event: Event) => this.#form?.setEvidence(id, (event.target as HTMLTextAreaElement).value)}
      @focus=${() => (this.#lastEvidence = id)}
      @keydown=${(event: KeyboardEvent) => this.#onEvidenceKey(event, id)}
    ></textarea>`;
  }

  /** Evidence rendered from its Markdown, moment links as time chips. */
  #renderPreview(evidence: string): TemplateResult {
    return html`<div part="preview" class="preview" @click=${this.#onPreviewClick}>
      ${evidence.trim() ? unsafeHTML(renderEvidence(evidence, this.#t)) : html`<p class="empty">${this.#t.previewEmpty}</p>`}
    </div>`;
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
        <div class="segments">
          ${RECOMMENDATIONS.map(
            (choice) => html`
              <label part="option segment" class="segment">
                <input
                  type="radio"
                  name="recommendation"
                  value=${choice}
                  .checked=${live(this.formState.content!.recommendation === choice)}
                  @change=${() => this.#form?.setRecommendation(choice)}
                />
                <span class="choice">${t.recommendations[choice]}</span>
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
    return this.#locale.strings;
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

  #setPreview(competencyId: string, on: boolean): void {
    const next = new Set(this.previewing);
    if (on) next.add(competencyId);
    else next.delete(competencyId);
    this.previewing = next;
  }

  #statusText(): string {
    const t = this.#t;
    const status = submitStatusOf(this.formState);
    switch (status.kind) {
      case 'submitted':
        return t.submitted(this.#locale.format.dateTime(status.at, { dateStyle: 'medium', timeStyle: 'short' }));
      case 'draft-saved':
        return t.draftSaved(this.#locale.format.time(status.at));
      case 'submitting':
        return t.submitting;
      case 'saving':
        return t.draftSaving;
      case 'unsaved':
        return t.draftPending;
      case 'save-failed':
        return t.draftFailed;
      case 'none':
        return '';
    }
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

  /** A click on a time chip selects its moment instead of following the link. */
  readonly #onPreviewClick = (event: MouseEvent) => {
    const seconds = momentChipSeconds(event);
    if (seconds === undefined) return;
    event.preventDefault();
    const view = this.session?.view;
    if (view) this.dispatchEvent(new MomentSelectEvent({ at: momentAt(view, seconds) }));
  };

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

/** `record` without `key`. */
function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const { [key]: _gone, ...rest } = record;
  return rest;
}
