import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type * as Y from 'yjs';
import {
  BindingController,
  PRIVATE_STRUCTURE,
  LocaleController,
  SessionController,
  collabOf,
  isPrivileged,
  type Cleanup,
  type InterviewSession,
  type PartialStrings,
} from '@interview-kit/core';
import { insertMomentLink, momentNow } from '../moments.js';
import { NOTES_LOCALES, type NotesStrings } from './notes.strings.js';
import { notesStyles } from './notes.styles.js';
import { bindTextarea } from './textarea-binding.js';

/**
 * @summary Private interviewer notes in Markdown, edited live by every interviewer at once.
 *
 * The notes are the Y.Text `notes` of the interviewers' private document. That document lives
 * apart from the shared code document and the server never lets a candidate (or an observer) open
 * it, so nothing typed here can reach the candidate. The element opens it through the session's
 * collaboration (`collabOf(session).privateDocument()`) when the viewer is an interviewer, or uses
 * the `doc` property when given. For everyone else it renders nothing.
 *
 * Alt+M in the notes, or the "Mark moment" button, inserts a link to the current moment of the
 * session such as `[12:34](#t=754)`, counted from the interview's start (from its creation before
 * the start; needs the `session`, for those times).
 *
 * Made to sit in a tool rail beside the code (about 22rem wide): the text field takes all the
 * height the element is given (a `height`, or a flex or grid parent that stretches it), and
 * keeps `--interview-notes-min-height` when given none. It follows the light or dark colour
 * scheme it inherits, or its `theme` attribute (`light`, `dark`, `auto`).
 *
 * @attr theme - `light`, `dark` or `auto` (the reader's preference); inherited from the page when absent.
 *
 * @csspart base - The wrapper of label, hint, button and text field.
 * @csspart label - The label.
 * @csspart hint - The hint below the label.
 * @csspart mark-moment - The "Mark moment" button.
 * @csspart textarea - The notes text field.
 *
 * @cssproperty --interview-font-family - Font of the element.
 * @cssproperty --interview-notes-font-family - Font of the notes text (e.g. a monospace font for Markdown).
 * @cssproperty --interview-notes-min-height - Minimum height of the text field (default 10rem).
 * @cssproperty --interview-color-text - Text colour.
 * @cssproperty --interview-color-muted - Colour of the hint.
 * @cssproperty --interview-color-surface - Background of the element and its text field.
 * @cssproperty --interview-color-border - Border colour.
 * @cssproperty --interview-color-accent - Focus ring colour.
 * @cssproperty --interview-notes-accent - Overrides the accent colour for this element only.
 * @cssproperty --interview-radius - Corner radius.
 */
export class InterviewNotes extends LitElement {
  /** The element's shadow styles; theme it through its CSS custom properties and parts instead. */
  static override styles = notesStyles;

  /** The interview session, for moment links; provided by `<interview-room>` through context when not set. */
  @property({ attribute: false })
  session: InterviewSession | undefined;

  /**
   * The interviewers' private Y.Doc; the notes are its Y.Text `notes`. When not set, the element
   * opens the session's private document itself (interviewers only).
   */
  @property({ attribute: false })
  doc: Y.Doc | undefined;

  /**
   * The host page's strings: any subset of {@link NotesStrings}, over the table of the element's
   * language (its `lang` attribute, else the nearest ancestor's or the document's).
   */
  @property({ attribute: false })
  strings: PartialStrings<NotesStrings> = {};

  readonly #locale = new LocaleController(this, NOTES_LOCALES, { strings: () => this.strings });

  @state() private announcement = '';
  @state() private sessionDoc: Y.Doc | undefined;
  @query('textarea') private textarea!: HTMLTextAreaElement | null;

  constructor() {
    super();
    new SessionController(this);
    // The session's private document, unless one was given.
    new BindingController<InterviewSession>(this, {
      target: () => (this.doc ? undefined : this.session),
      bind: (session, cleanup) => void this.#openPrivateDocument(session, cleanup),
    });
    // The text field follows the notes once it is rendered.
    new BindingController<Y.Text>(this, {
      phase: 'updated',
      target: () => this.text,
      bind: (text, cleanup) => {
        if (this.textarea) cleanup.add(bindTextarea(this.textarea, text));
      },
    });
  }

  /** The shared notes text, `undefined` without a document. */
  get text(): Y.Text | undefined {
    return (this.doc ?? this.sessionDoc)?.getText(PRIVATE_STRUCTURE.notes);
  }

  /** Inserts a link to the current moment of the session (counted from its start) at the caret. */
  async markMoment(): Promise<void> {
    const view = this.session?.view;
    const textarea = this.textarea;
    if (!view || !textarea) return;
    const time = insertMomentLink(textarea, momentNow(view));
    // The binding takes the change into the shared notes.
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
    this.announcement = this.#t.momentInserted(time);
    textarea.focus();
  }

  protected override render(): TemplateResult | typeof nothing {
    if (!this.text) return nothing;
    const t = this.#t;
    const canMark = Boolean(this.session?.view);
    return html`
      <div class="base" part="base">
        <div class="bar">
          <label for="notes" part="label">${t.label}</label>
          ${canMark ? html`<button type="button" part="mark-moment" @click=${() => this.markMoment()}>${t.markMoment}</button>` : nothing}
        </div>
        <p class="hint" id="hint" part="hint">${t.hint}</p>
        <textarea id="notes" part="textarea" aria-describedby="hint" spellcheck="true" @keydown=${this.#onKey}></textarea>
        <p class="visually-hidden" role="status">${this.announcement}</p>
      </div>
    `;
  }

  /** Opens the session's private document when the viewer is an interviewer. */
  async #openPrivateDocument(session: InterviewSession, cleanup: Cleanup): Promise<void> {
    let current = true;
    cleanup.add(() => {
      current = false;
      // Kept while the element is only moved in the page; dropped with its session.
      if (this.session !== session || this.doc) this.sessionDoc = undefined;
    });
    try {
      const view = session.view ?? (await session.load());
      if (view.viewer.role === 'host' || !isPrivileged(view.viewer.role)) return;
      const doc = await collabOf(session).privateDocument();
      if (current) this.sessionDoc = doc;
    } catch {
      // No notes for this viewer (or no connection yet): the element stays empty.
    }
  }

  get #t(): NotesStrings {
    return this.#locale.strings;
  }

  readonly #onKey = (event: KeyboardEvent) => {
    if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyM') {
      event.preventDefault();
      void this.markMoment();
    }
  };
}
