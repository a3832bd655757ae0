import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { formatsFor, hostStyles, SessionController, themeTokens, type AssistantDraftResponse, type Formats, type InterviewSession } from '@interview-kit/core';
import { MomentSelectEvent } from '@interview-kit/feedback';
import { REPLAY_STRINGS_EN, type ReplayStrings } from './replay.strings.js';

/** How often the tool asks again while the draft is still to come (ms). */
const PENDING_POLL_MS = 5_000;

/** What the tool shows: loading, the server's answer with the rubric's competency titles, or why it failed. */
type DraftState = 'loading' | { answer: AssistantDraftResponse; titles: ReadonlyMap<string, string>; start: number } | { failed: string };

/**
 * @summary The interviewers' Assistant tool once the interview ended: part of `<interview-room>`
 * (its tool rail's Assistant tab), not meant for pages on its own.
 *
 * It shows the assistant's draft review — a summary, and per competency a suggested rating with
 * its evidence as time links into the Replay — always under the label that a model wrote it, that
 * it decides nothing and that the interviewer's feedback is their own. It never fills in the
 * feedback form. Without a draft it says whether one is still to come (and asks again every few
 * seconds) or no assistant is configured. The server answers only interviewers and the host.
 *
 * @fires {MomentSelectEvent} interview-moment-select - An evidence link was chosen (`detail.at`, ms since the epoch): the room opens the Replay there.
 *
 * @csspart assistant-status - The line saying no assistant is configured, or no draft is there yet.
 * @csspart assistant-draft - The draft.
 * @csspart assistant-label - The label above it: a model's draft, not a decision.
 * @csspart assistant-summary - The summary.
 * @csspart assistant-competency - One competency: its suggested rating, rationale and evidence.
 * @csspart assistant-rating - The suggested rating.
 * @csspart assistant-moment - An evidence link into the Replay.
 */
export class InterviewAssistantDraft extends LitElement {
  static override styles = [
    hostStyles,
    themeTokens,
    css`
      :host {
        display: block;
        color: var(--_text);
      }
      .label {
        margin: 0 0 var(--_space);
        padding: 0.4rem 0.6rem;
        border-inline-start: 4px solid var(--_warning);
        background: var(--_surface-raised);
        border-radius: var(--_radius);
        font-weight: 600;
      }
      h4 {
        margin: var(--_space) 0 0.25rem;
      }
      p {
        margin: 0.25rem 0;
      }
      .rating {
        font-weight: 600;
      }
      .muted {
        color: var(--_muted);
        font-size: 0.85em;
      }
      ul {
        margin: 0.25rem 0;
        padding-inline-start: 1.2rem;
      }
      a {
        color: var(--_accent);
        font-variant-numeric: tabular-nums;
      }
      a:focus-visible {
        outline: 2px solid var(--_accent);
        outline-offset: 1px;
      }
    `,
  ];

  /** The session, from the room (through context). */
  @property({ attribute: false }) session: InterviewSession | undefined;
  /** The room's words for the tool. */
  @property({ attribute: false }) strings: ReplayStrings = REPLAY_STRINGS_EN;
  /** The room's formatting (times as its language writes them). */
  @property({ attribute: false }) format: Formats = formatsFor('en');

  @state() private draft: DraftState = 'loading';

  constructor() {
    super();
    new SessionController(this, { bind: (session, cleanup) => void this.#load(session, cleanup) });
  }

  async #load(session: InterviewSession, cleanup: { add(undo: () => void): void }): Promise<void> {
    let live = true;
    cleanup.add(() => {
      live = false;
      this.draft = 'loading';
    });
    try {
      const { client, sessionId } = session;
      const [answer, own, view] = await Promise.all([
        client.assistantDraft(sessionId),
        client.ownFeedback(sessionId).catch(() => undefined),
        session.view ?? session.load(),
      ]);
      if (!live) return;
      const titles = new Map((own?.rubric.competencies ?? []).map((c) => [c.id, c.title]));
      this.draft = { answer, titles, start: Date.parse(view.startedAt ?? view.createdAt) };
      // The draft is written after the end, once the transcript is in: ask again until it is there.
      if (answer.status === 'pending') {
        const again = setTimeout(() => void this.#load(session, cleanup), PENDING_POLL_MS);
        cleanup.add(() => clearTimeout(again));
      }
    } catch (error) {
      if (live) this.draft = { failed: error instanceof Error ? error.message : String(error) };
    }
  }

  protected override render(): TemplateResult {
    const t = this.strings;
    const state = this.draft;
    if (state === 'loading') return html`<p class="muted" role="status">${t.assistantLoading}</p>`;
    if ('failed' in state) return html`<p role="alert">${t.assistantFailed(state.failed)}</p>`;
    const { answer, titles, start } = state;
    if (answer.status === 'off') return html`<p part="assistant-status">${t.assistantOff}</p>`;
    if (answer.status === 'pending' || !answer.draft) return html`<p part="assistant-status">${t.assistantPending}</p>`;
    const draft = answer.draft;
    return html`<article part="assistant-draft">
      <p class="label" part="assistant-label">${t.assistantLabel}</p>
      <h4>${t.assistantSummary}</h4>
      <p part="assistant-summary" translate="no">${draft.summary}</p>
      ${draft.competencies.map(
        (c) => html`<section part="assistant-competency">
          <h4 translate="no">${titles.get(c.competency) ?? c.competency}</h4>
          <p class="rating" part="assistant-rating">${t.suggestedRating(c.suggestedRating)}</p>
          <p translate="no">${c.rationale}</p>
          ${c.evidence.length ? html`<p class="muted">${t.evidence}</p>` : nothing}
          <ul>
            ${c.evidence.map((e) => this.#renderEvidence(e, start))}
          </ul>
        </section>`,
      )}
      <p class="muted">${t.draftBy(draft.model, draft.promptVersion)}</p>
    </article>`;
  }

  /** One piece of evidence: its time as a link into the Replay, and what happened then. */
  #renderEvidence(evidence: { at: string; what: string }, start: number): TemplateResult {
    const at = Date.parse(evidence.at);
    if (!Number.isFinite(at)) return html`<li translate="no">${evidence.what}</li>`;
    const time = this.format.clock(at - start);
    const select = (event: Event) => {
      event.preventDefault();
      this.dispatchEvent(new MomentSelectEvent({ at }));
    };
    return html`<li>
      <a href="#t=${Math.round((at - start) / 1000)}" part="assistant-moment" aria-label=${this.strings.showMoment(time)} @click=${select}>${time}</a>
      <span translate="no">${evidence.what}</span>
    </li>`;
  }
}
