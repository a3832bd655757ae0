import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import {
  BindingController,
  CHAT_MAX_CHARS,
  ChatModel,
  CollabController,
  LocaleController,
  SessionController,
  type ChatEntry,
  type ChatState,
  type CollabSession,
  type InterviewSession,
  type PartialStrings,
} from '@interview-kit/core';
import { CHAT_LOCALES, type ChatStrings } from './chat.strings.js';
import { chatStyles } from './chat.styles.js';

/**
 * @summary The session's text chat, for every participant: a live log of messages and a field to write one.
 *
 * Messages live in the shared document's `chat` array, which only the server writes: a message is
 * sent with `POST /v1/sessions/:id/chat` (through `ChatModel` from core), and the server stamps its
 * author's name and role and the time. A message shows as "Sending…" until the server answered,
 * then as sent; one the server refused shows its reason, with "Send again" and "Discard". After
 * the session ended the element shows the log only; given `replayAt`, the log as it stood at that
 * moment.
 *
 * Accessible: the log is a `role="log"` live region (`aria-live="polite"`) that announces each new
 * message with its author and text, and takes the focus to scroll from the keyboard. In the message
 * field Enter sends and Shift+Enter starts a new line; after sending, the focus stays in the field,
 * and after "Send again" or "Discard" it comes back to it.
 *
 * Made to sit in a tool rail beside the code (about 22rem wide): the log takes the height left
 * above the field (a `height`, or a flex or grid parent that stretches the element), and keeps
 * `--interview-chat-min-height` when given none. It follows the light or dark colour scheme it
 * inherits, or its `theme` attribute (`light`, `dark`, `auto`).
 *
 * @attr theme - `light`, `dark` or `auto` (the reader's preference); inherited from the page when absent.
 *
 * @csspart base - The wrapper of log and field.
 * @csspart log - The message log (`role="log"`), a list of messages.
 * @csspart message - One message; also `own` for this participant's, and `pending` or `refused` while not sent.
 * @csspart input - The message field.
 * @csspart send - The send button.
 * @csspart notice - The note that the chat is read-only (after the end, in a replay).
 *
 * @cssproperty --interview-font-family - Font of the element.
 * @cssproperty --interview-chat-min-height - Minimum height of the log (default 8rem).
 * @cssproperty --interview-color-text - Text colour.
 * @cssproperty --interview-color-muted - Colour of roles, times and hints.
 * @cssproperty --interview-color-surface - Background of the element and its field.
 * @cssproperty --interview-color-surface-raised - Background of this participant's messages.
 * @cssproperty --interview-color-border - Border colour.
 * @cssproperty --interview-color-accent - Focus ring and send button colour.
 * @cssproperty --interview-color-danger - Colour of a refused message's reason.
 * @cssproperty --interview-chat-accent - Overrides the accent colour for this element only.
 * @cssproperty --interview-radius - Corner radius.
 */
export class InterviewChat extends LitElement {
  /** The element's shadow styles; theme it through its CSS custom properties and parts instead. */
  static override styles = chatStyles;

  /** The interview session: who writes, and where to send; provided by `<interview-room>` through context when not set. */
  @property({ attribute: false })
  session: InterviewSession | undefined;

  /** The collaboration session whose shared document holds the chat; by default the session's. */
  @property({ attribute: false })
  collab: CollabSession | undefined;

  /**
   * The chat's model, when the page keeps one itself (`<interview-room>` does, for the unread
   * count on its tab); it must then be attached to the session and follow the shared document.
   * Without it the element keeps its own.
   */
  @property({ attribute: false })
  model: ChatModel | undefined;

  /**
   * A moment of a replay (ms since the epoch): the log as it stood then, read-only. (With a given
   * `model`, setting its moment with `setReplayAt` does the same.)
   */
  @property({ attribute: false })
  replayAt: number | undefined;

  /**
   * The host page's strings: any subset of {@link ChatStrings}, over the table of the element's
   * language (its `lang` attribute, else the nearest ancestor's or the document's).
   */
  @property({ attribute: false })
  strings: PartialStrings<ChatStrings> = {};

  readonly #locale = new LocaleController(this, CHAT_LOCALES, { strings: () => this.strings });
  readonly #own = new ChatModel();

  @state() private chat: ChatState = this.#own.state.value;
  @state() private draft = '';
  @query('textarea') private field!: HTMLTextAreaElement | null;
  @query('[part~="log"]') private log!: HTMLElement | null;
  #stickToEnd = true;

  constructor() {
    super();
    // Its own model sends as the session's viewer and follows the shared document.
    new SessionController(this, {
      bind: (session, cleanup) => {
        if (!this.model) cleanup.add(this.#own.attach(session));
      },
    });
    new CollabController(this, {
      bind: (collab, cleanup) => {
        if (!this.model) cleanup.add(this.#own.follow(collab.doc));
      },
    });
    new BindingController<ChatModel>(this, {
      target: () => this.#model,
      bind: (model, cleanup) => {
        this.chat = model.state.value;
        cleanup.add(model.state.subscribe((chat) => (this.chat = chat)));
        if (model === this.#own) {
          model.setSeen(true);
          cleanup.add(() => model.setSeen(false));
        }
      },
    });
  }

  get #model(): ChatModel {
    return this.model ?? this.#own;
  }

  get #t(): ChatStrings {
    return this.#locale.strings;
  }

  /** Sends the text of the message field; resolves with whether the server took it. */
  async send(): Promise<boolean> {
    const text = this.draft;
    if (!text.trim() || text.trim().length > CHAT_MAX_CHARS || this.chat.readOnly) return false;
    this.draft = '';
    this.#stickToEnd = true;
    return this.#model.send(text);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('replayAt')) this.#model.setReplayAt(this.replayAt);
    // Before the log changes: whether the reader is at its end, so that it follows new messages.
    const log = this.log;
    if (log && changed.has('chat')) this.#stickToEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 24;
  }

  protected override updated(changed: PropertyValues): void {
    const log = this.log;
    if (log && changed.has('chat') && this.#stickToEnd) log.scrollTop = log.scrollHeight;
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    const { entries, readOnly } = this.chat;
    return html`
      <div class="base" part="base">
        <div part="log" role="log" aria-live="polite" aria-label=${t.log} tabindex="0">
          ${entries.length ? html`<ol>${entries.map((entry) => this.#renderEntry(entry))}</ol>` : html`<p class="empty">${t.empty}</p>`}
        </div>
        ${readOnly ? this.#renderNotice() : this.#renderComposer()}
      </div>
    `;
  }

  #renderEntry(entry: ChatEntry): TemplateResult {
    const t = this.#t;
    const role = entry.role ? t.roles[entry.role] : '';
    const parts = ['message', ...(entry.own ? ['own'] : []), ...(entry.status === 'sent' ? [] : [entry.status])].join(' ');
    return html`<li part=${parts} class=${entry.status}>
      <p class="meta">
        <span class="visually-hidden">${t.author(entry.own ? t.you : entry.name, role)}</span>
        <span class="name" aria-hidden="true" translate=${entry.own ? nothing : 'no'}>${entry.own ? t.you : entry.name}</span>
        ${role ? html`<span class="role" aria-hidden="true">${role}</span>` : nothing}
        ${entry.at ? html`<time datetime=${entry.at}>${this.#locale.format.time(entry.at)}</time>` : nothing}
      </p>
      <p class="text" translate="no">${entry.text}</p>
      ${entry.status === 'pending' ? html`<p class="status">${t.sending}</p>` : nothing}
      ${entry.status === 'refused'
        ? html`<p class="status">
            <span>${t.refused(entry.error ?? '')}</span>
            <button type="button" @click=${() => this.#retry(entry.key)}>${t.retry}</button>
            <button type="button" @click=${() => this.#dismiss(entry.key)}>${t.dismiss}</button>
          </p>`
        : nothing}
    </li>`;
  }

  #renderNotice(): TemplateResult | typeof nothing {
    const t = this.#t;
    if (this.chat.replaying) return html`<p class="notice" part="notice">${t.replay}</p>`;
    const status = this.session?.view?.status;
    return status === 'ended' || status === 'cancelled' ? html`<p class="notice" part="notice">${t.readOnly}</p>` : nothing;
  }

  #renderComposer(): TemplateResult {
    const t = this.#t;
    const over = this.draft.trim().length - CHAT_MAX_CHARS;
    return html`<form @submit=${this.#onSubmit}>
      <label class="visually-hidden" for="message">${t.label}</label>
      <div class="row">
        <textarea
          id="message"
          part="input"
          rows="2"
          placeholder=${t.placeholder}
          aria-describedby="hint${over > 0 ? ' over' : ''}"
          aria-invalid=${over > 0 ? 'true' : nothing}
          .value=${this.draft}
          @input=${this.#onInput}
          @keydown=${this.#onKey}
        ></textarea>
        <button type="submit" part="send" ?disabled=${!this.draft.trim() || over > 0}>${t.send}</button>
      </div>
      ${over > 0 ? html`<p class="over" id="over">${t.tooLong(over)}</p>` : nothing}
      <p class="hint" id="hint">${t.hint}</p>
    </form>`;
  }

  readonly #onInput = (event: Event) => {
    this.draft = (event.target as HTMLTextAreaElement).value;
  };

  readonly #onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    void this.send();
  };

  readonly #onSubmit = (event: Event) => {
    event.preventDefault();
    void this.send();
    this.field?.focus();
  };

  #retry(key: string): void {
    void this.#model.retry(key);
    this.field?.focus();
  }

  #dismiss(key: string): void {
    this.#model.dismiss(key);
    this.field?.focus();
  }
}
