import { closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, indentWithTab } from '@codemirror/commands';
import { indentUnit } from '@codemirror/language';
import { searchKeymap } from '@codemirror/search';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import {
  BindingController,
  CollabController,
  SessionController,
  collabOf,
  decodeTimeline,
  languageOf,
  languageOfPath,
  Cleanup,
  LocaleController,
  type CollabSession,
  type PartialStrings,
  type CollabUser,
  type InterviewSession,
  type ReplayFrame,
} from '@interview-kit/core';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';
import * as Y from 'yjs';
import { ConnectionChangeEvent, InsertionSignalEvent, LanguageChangeEvent, ReplayMomentEvent, ReplaySeekEvent } from '../events.js';
import { blockedEdits } from './blocked-edits.js';
import { cursorLabels } from './cursor-labels.js';
import { insertionSignals } from './insertion-signals.js';
import { EDITOR_LOCALES, notSavedText, runOutcomeText, type EditorStrings } from './editor.strings.js';
import { editorStyles } from './editor.styles.js';
import { editingExtensions } from './editing-extensions.js';
import { editorTheme } from './editor-theme.js';
import { FileList } from './file-list.js';
import { ProjectModel } from './project-model.js';
import { indentUnitFor } from './indentation.js';
import { LANGUAGES, loadLanguage } from './languages.js';
import { REPLAY_SPEEDS, ReplayPlayer } from './replay-player.js';
import { latestRunAt, runMarksOf, runRecordsOf, type RunMark } from './replay-timeline.js';

/**
 * @summary The shared code editor of an interview session: CodeMirror 6 bound to the session's
 * collaborative document, with everyone's cursors, a presence list and a replay mode.
 *
 * Give it a `session` (or place it in `<interview-room>`, which provides one). Everyone with the
 * session sees the same text, language and cursors; edits sync peer-to-peer and through the
 * server, which keeps them. Observers, and everyone once the session ended, read only. Undo
 * (Ctrl/Cmd+Z) undoes only your own edits. Tab indents; Escape then Tab moves focus on.
 * Ctrl/Cmd+Enter is left to the run shortcut (`<interview-run-panel>`, `<interview-room>`): it
 * never edits the code.
 *
 * The status tells whether your changes are kept: "Saving…", "All changes saved" only once the
 * server acknowledged the last one, "Offline…" while disconnected, and "Not saved: …" with the
 * reason when the server will not keep them (the interview ended, you may only read, the
 * document reached its size limit), typing into read-only code included. It is announced
 * politely, refusals assertively. When the interview is over, a banner above the code says so.
 *
 * The element fills the height its container gives it (a block, flex or grid cell with a height)
 * and scrolls the code inside; without a height it grows with the code from
 * `--interview-editor-min-height`. Light and dark follow the inherited `color-scheme` (or the
 * `theme` attribute): the code's colours and highlighting included.
 *
 * Indentation follows the language: Python 4 spaces (PEP 8), Go a tab (gofmt); Java, C++,
 * JavaScript and TypeScript the style of the code already there (a tab or its step of spaces),
 * else 4 spaces for Java and C++ and 2 for JavaScript and TypeScript (see `indentation.ts`).
 *
 * A question's code may be a project of several files. The file list (beside the code; above it
 * as a row of tabs when the element is narrow; shown and hidden by the toolbar's "Files" button,
 * shown from the start when the project has several files) lists the entry file first (the
 * question's shared code, named after the language: `main.py`, `Main.java`, …; never renamed or
 * deleted), then the project's other files by path (`Y.Map('files')`, see `ProjectModel`).
 * Candidates and interviewers create files (a name field that says why a name is refused), rename
 * and delete them (after a confirmation), for everyone at once; observers and everyone after the
 * end only open them. A project holds at most 20 files. Opening a file binds the code to its own
 * shared text, in the language and indentation of its extension; each participant's presence
 * names the file they have open, so the list shows who is where and remote cursors show in their
 * file only. Keyboard: the list is one tab stop; arrow keys (Home, End) move between files, Enter
 * opens one, F2 renames it, Delete deletes it, Escape leaves a name field or confirmation. A
 * change the server refuses (its size limit, its own reasons) is said beside the list.
 *
 * Everyone's cursor has the colour the server assigned to that person (one of eight distinct
 * colours, by position in the session's participant list); the name label over a remote cursor
 * shows for two seconds after that person moves or types, and while the pointer is over it.
 *
 * With `replay`, the element shows the session's history instead (interviewers and hosts), of
 * the question in play (its code and files, and its runs only): a scrubber, play/pause, speeds 1×–32× and skipping idle stretches. Each run appears on the
 * timeline as a mark at the moment it was started, coloured (and shaped) by its outcome and named
 * like "Run at 12:34: 2 of 3 tests failed" (time into the session); activating a mark shows that
 * moment. Under the code, a line states the latest run at the moment shown. `replayAt` jumps to
 * a moment, also when set before the replay has loaded.
 *
 * @attr label - Accessible name of the code area (default "Code").
 * @attr replay - Shows the replay of the session instead of the live document.
 * @attr replay-at - The moment the replay shows, ms since the epoch (property `replayAt`).
 * @attr theme - `light`, `dark` or `auto` (the reader's preference); inherited when absent.
 *
 * @fires {ConnectionChangeEvent} interview-connection-change - The connection status changed; `detail.status` is
 *   `connecting`, `connected`, `synced` or `offline`.
 * @fires {LanguageChangeEvent} interview-language-change - The document's language changed (by anyone); `detail.language`,
 *   `detail.remote` (someone else changed it), `detail.changedBy` (who, when known).
 * @fires {InsertionSignalEvent} interview-insertion-signal - The local user pasted (`detail.kind` `paste`, `detail.chars`,
 *   `detail.fromOutside`: not this editor's own last copy) or inserted a large piece at once
 *   (`large-insert`, `detail.chars`); sizes only, never the text.
 * @fires {ReplayMomentEvent} interview-replay-moment - In replay, the moment shown changed; `detail.at` (ms since the epoch).
 * @fires {ReplaySeekEvent} interview-replay-seek - The reader moved the replay (scrubber or a run's mark); `detail.at` is the
 *   moment shown, ms since the epoch.
 *
 * @csspart base - The frame around toolbar, code and replay controls.
 * @csspart toolbar - The bar with language picker, presence list and status.
 * @csspart language-select - The language picker.
 * @csspart presence - The list of participants present.
 * @csspart status - The status text: connection and whether changes are saved (`data-save` holds
 *   `saving`, `saved`, `offline` or `refused`).
 * @csspart ended-banner - The banner above the code once the interview is over.
 * @csspart files-toggle - The toolbar button that shows or hides the file list (`aria-expanded`).
 * @csspart files - The file list's frame (a `nav`), with the new-file button and messages.
 * @csspart file-list - The list of files.
 * @csspart file - One file's row.
 * @csspart file-button - A file's button: opens it (`aria-current` on the open one; `data-path` holds its path).
 * @csspart rename-button - Renames a file (not the entry file; hidden when read-only).
 * @csspart delete-button - Deletes a file after a confirmation (not the entry file; hidden when read-only).
 * @csspart delete-confirm - The confirmation before a delete.
 * @csspart confirm-delete-button - The confirmation's Delete button.
 * @csspart new-file-button - Opens the new file's name field (disabled at 20 files).
 * @csspart files-limit - The note that the project is full.
 * @csspart new-file-form - The new file's name field and buttons.
 * @csspart rename-form - A file's new name field and buttons.
 * @csspart file-name-input - The name field.
 * @csspart file-name-problem - Why the name in the field is refused.
 * @csspart files-message - The server's refusal of a change, beside the list (an alert).
 * @csspart editor - The CodeMirror container.
 * @csspart replay-controls - The replay bar.
 * @csspart play-button - Play/pause of the replay.
 * @csspart scrubber - The replay position slider.
 * @csspart speed-select - The replay speed picker.
 * @csspart run-marks - The list of run marks under the scrubber.
 * @csspart run-mark - One run's mark (a button; `data-outcome` is `passed` or `failed`).
 * @csspart run-outcome - The line under the code in replay: the latest run at the moment shown
 *   (`data-outcome` is `passed` or `failed`, absent before the first run).
 *
 * @cssproperty --interview-font-family - Font of toolbar, controls and remote cursors' name labels.
 * @cssproperty --interview-editor-font-family - Font of the code (monospace by default).
 * @cssproperty --interview-editor-font-size - Size of the code font.
 * @cssproperty --interview-editor-height - A fixed height for the code area (by default it takes the height the container gives).
 * @cssproperty --interview-editor-min-height - Least height of the code area (default 10rem).
 * @cssproperty --interview-color-text - Text colour.
 * @cssproperty --interview-color-muted - Colour of the status text, line numbers and comments.
 * @cssproperty --interview-color-warning - Colour of the offline status and of the ended banner's edge.
 * @cssproperty --interview-color-danger - Colour of the "Not saved" status and of failed runs' marks.
 * @cssproperty --interview-color-success - Colour of passed runs' marks.
 * @cssproperty --interview-color-surface - Background of the code.
 * @cssproperty --interview-color-surface-raised - Background of the line numbers and of the file list.
 * @cssproperty --interview-color-border - Border colour.
 * @cssproperty --interview-color-accent - Focus ring and slider colour.
 * @cssproperty --interview-editor-accent - Overrides the accent colour for this element only.
 * @cssproperty --interview-radius - Corner radius.
 */
export class InterviewEditor extends LitElement {
  /** The element's shadow styles; theme it through its CSS custom properties and parts instead. */
  static override styles = editorStyles;

  /** The interview session; provided by `<interview-room>` through context when not set. */
  @property({ attribute: false })
  session: InterviewSession | undefined;

  /** The collaboration session to bind; by default the session's shared one (`collabOf(session)`). */
  @property({ attribute: false })
  collab: CollabSession | undefined;

  /** Accessible name of the code area; defaults to the translated "Code". */
  @property()
  label: string | undefined;

  /** Shows the replay of the session instead of the live document. */
  @property({ type: Boolean, reflect: true })
  replay = false;

  /**
   * The moment the replay shows, ms since the epoch (e.g. from a feedback moment link). Setting it
   * to a new moment seeks there; set before the replay has loaded, the replay opens there instead
   * of at the end.
   */
  @property({ type: Number, attribute: 'replay-at' })
  replayAt: number | undefined;

  /**
   * The host page's strings: any subset of {@link EditorStrings}, over the table of the element's
   * language (its `lang` attribute, else the nearest ancestor's or the document's).
   */
  @property({ attribute: false })
  strings: PartialStrings<EditorStrings> = {};

  @state() private language: string | undefined;
  @state() private locked = true;
  @state() private over = false;
  /** What the replay bar says: loading, nothing to play, or why it failed (a reason); nothing once playing. */
  @state() private replayMessage: 'loading' | 'empty' | { failed: string } | undefined;
  @state() private replayFrame: ReplayFrame | undefined;
  /** The runs on the replay's timeline, and when the session started (for their times). */
  @state() private runMarks: readonly RunMark[] = [];
  #sessionStart = 0;

  @query('.editor') private container!: HTMLDivElement | null;

  #view: EditorView | undefined;
  #player: ReplayPlayer | undefined;
  /** Opens a file of the project in the code area; set by the live or replay binding. */
  #openFile: ((path: string, focus: boolean) => void) | undefined;
  /** The language mode applied to each view (the open file's language). */
  readonly #modes = new WeakMap<EditorView, string | undefined>();
  readonly #fileList = new FileList(this, {
    open: (path, focus) => this.#openFile?.(path, focus),
    editable: () => !this.readOnly,
    strings: () => this.#t.files,
  });
  readonly #languageSlot = new Compartment();
  readonly #editableSlot = new Compartment();
  readonly #labelSlot = new Compartment();
  readonly #indentSlot = new Compartment();
  // Both bindings need the rendered container; a stale one always ends before the next is made.
  readonly #replayBinding = new BindingController<InterviewSession>(this, {
    phase: 'updated',
    target: () => (this.replay ? this.session : undefined),
    bind: (session, cleanup) => void this.#bindReplay(session, cleanup),
  });
  readonly #live = new CollabController(this, {
    phase: 'updated',
    collab: () => (this.replay ? undefined : (this.collab ?? (this.session ? collabOf(this.session) : undefined))),
    bind: (collab, cleanup) => this.#bindLive(collab, cleanup),
  });

  constructor() {
    super();
    new SessionController(this);
  }

  /** The CodeMirror view, once the code is there (the ticket's snapshot or the first sync; for hosts that add extensions or read the selection). */
  get view(): EditorView | undefined {
    return this.#view;
  }

  /** Whether the code cannot be edited here (observer, ended session, replay, or not joined yet). */
  get readOnly(): boolean {
    return this.replay || this.locked;
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    return html`
      <div class="base" part="base">
        ${this.replay ? this.#renderReplayBar() : this.#renderToolbar()}
        <div class="banner-region" aria-live="polite">
          ${this.over && !this.replay ? html`<p class="ended-banner" part="ended-banner">${t.endedBanner}</p>` : nothing}
        </div>
        <div class="workspace">
          ${this.#fileList.render()}
          <div class="editor" part="editor" dir="ltr"></div>
        </div>
        <p id="keyboard-hint" class="visually-hidden">${t.keyboardHint}</p>
        ${this.replay ? [this.#renderRunOutcome(), this.#renderReplayControls()] : nothing}
      </div>
    `;
  }

  #renderToolbar(): TemplateResult {
    const t = this.#t;
    const me = this.#live.collab?.localUser?.id;
    const known = LANGUAGES.some((l) => l.id === this.language);
    return html`
      <div class="toolbar" part="toolbar">
        ${this.#fileList.renderToggle()}
        <label>
          ${t.language}
          <select
            part="language-select"
            .value=${this.language ?? ''}
            ?disabled=${this.readOnly}
            @change=${(e: Event) => this.#setLanguage((e.target as HTMLSelectElement).value)}
          >
            ${known ? nothing : html`<option value=${this.language ?? ''}>${this.language ?? t.plainText}</option>`}
            ${LANGUAGES.map((l) => html`<option value=${l.id} ?selected=${l.id === this.language}>${l.label}</option>`)}
          </select>
        </label>
        <ul class="presence" part="presence" aria-label=${t.present}>
          ${this.#live.users.map(
            (user) => html`<li style="--_colour: ${user.color}">
              <span class="dot" aria-hidden="true"></span>${user.name}${user.id === me ? html` ${t.you}` : nothing}
            </li>`,
          )}
        </ul>
        ${this.#renderStatus()}
      </div>
    `;
  }

  /** The status: joining, then whether changes are saved; refusals go to an assertive region, the rest to a polite one. */
  #renderStatus(): TemplateResult {
    const t = this.#t;
    const collab = this.#live.collab;
    const status = this.#live.status;
    const save = collab?.saveState ?? { kind: 'saving' };
    const refused = save.kind === 'refused' ? notSavedText(t, save.reason) : '';
    const polite = refused ? '' : status === 'connecting' || status === 'connected' ? t.status[status] : t.save[save.kind as 'saving' | 'saved' | 'offline'];
    return html`<span class="status" part="status" data-save=${save.kind}
      ><span role="status">${polite}</span><span role="alert">${refused}</span></span
    >`;
  }

  #renderReplayBar(): TemplateResult {
    const t = this.#t;
    return html`<div class="toolbar" part="toolbar">
      ${this.#fileList.renderToggle()}
      <strong>${t.replay}</strong>
      <span class="status" part="status" role="status">${this.#replayMessageText(t)}</span>
    </div>`;
  }

  #replayMessageText(t: EditorStrings): string {
    const message = this.replayMessage;
    if (message === undefined) return '';
    return message === 'loading' ? t.replayLoading : message === 'empty' ? t.replayEmpty : t.replayFailed(message.failed);
  }

  #renderReplayControls(): TemplateResult | typeof nothing {
    const player = this.#player;
    if (!player) return nothing;
    const t = this.#t;
    const format = this.#locale.format;
    const seconds = (ms: number) => format.clock(ms);
    const max = Math.max(1, Math.round(player.duration));
    return html`
      <div class="replay" part="replay-controls">
        <button type="button" part="play-button" @click=${() => (player.playing ? player.pause() : player.play())}>
          ${player.playing ? t.pause : t.play}
        </button>
        <div class="track">
          <input
            type="range"
            part="scrubber"
            aria-label=${t.position}
            min="0"
            max=${max}
            step="1"
            .value=${String(Math.round(player.position))}
            aria-valuetext=${t.positionOf(seconds(player.position), seconds(player.duration))}
            @input=${(e: Event) => this.dispatchEvent(new ReplaySeekEvent({ at: player.seek(Number((e.target as HTMLInputElement).value)).at }))}
          />
          ${this.#renderRunMarks(player, max)}
        </div>
        <span>${t.positionOf(seconds(player.position), seconds(player.duration))}</span>
        <label>
          ${t.speed}
          <select part="speed-select" @change=${(e: Event) => (player.speed = Number((e.target as HTMLSelectElement).value))}>
            ${REPLAY_SPEEDS.map((s) => html`<option value=${s} ?selected=${s === player.speed}>${t.speedFactor(format.number(s))}</option>`)}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            .checked=${player.skipIdle}
            @change=${(e: Event) => {
              player.skipIdle = (e.target as HTMLInputElement).checked;
              this.requestUpdate();
            }}
          />
          ${t.skipIdle}
        </label>
      </div>
    `;
  }

  /** One mark per run, where the run falls on the scrubber; activating one shows that moment. */
  #renderRunMarks(player: ReplayPlayer, max: number): TemplateResult | typeof nothing {
    if (this.runMarks.length === 0) return nothing;
    const t = this.#t;
    return html`<ol class="run-marks" part="run-marks" aria-label=${t.runs}>
      ${this.runMarks.map((mark) => {
        const name = t.runMark(this.#locale.format.clock(mark.at - this.#sessionStart), runOutcomeText(t, mark));
        return html`<li style="inset-inline-start: ${(100 * Math.min(max, player.offsetOf(mark.at))) / max}%">
          <button
            type="button"
            class="run-mark"
            part="run-mark"
            data-outcome=${mark.outcome}
            aria-label=${name}
            title=${name}
            @click=${() => this.dispatchEvent(new ReplaySeekEvent({ at: player.seekTo(mark.at).at }))}
          ></button>
        </li>`;
      })}
    </ol>`;
  }

  /** The latest run at the moment shown, under the code. */
  #renderRunOutcome(): TemplateResult | typeof nothing {
    if (this.runMarks.length === 0 || !this.replayFrame) return nothing;
    const t = this.#t;
    const run = latestRunAt(this.runMarks, this.replayFrame.at);
    return html`<p class="run-outcome" part="run-outcome" data-outcome=${run?.outcome ?? nothing}>
      ${run ? t.latestRun(this.#locale.format.clock(run.at - this.#sessionStart), run.by, runOutcomeText(t, run)) : t.noRunYet}
    </p>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    // The label lives in CodeMirror's own DOM: it follows the strings, language included.
    if (this.#labelText !== this.#labelAttributesText()) this.#applyLabel();
    if (changed.has('replayAt') && this.replayAt !== undefined) this.#player?.seekTo(this.replayAt);
  }

  readonly #locale = new LocaleController(this, EDITOR_LOCALES, { strings: () => this.strings });

  get #t(): EditorStrings {
    return this.#locale.strings;
  }

  #baseExtensions(): Extension[] {
    return [
      ...editingExtensions(),
      editorTheme,
      this.#languageSlot.of([]),
      this.#indentSlot.of(this.#indentation(undefined, '')),
      this.#labelSlot.of(this.#labelAttributes()),
    ];
  }

  #labelText = '';

  #labelAttributesText(): string {
    const t = this.#t;
    return `${this.label ?? t.label}${this.readOnly ? ` ${t.readOnlySuffix}` : ''}`;
  }

  #labelAttributes(): Extension {
    const name = (this.#labelText = this.#labelAttributesText());
    return EditorView.contentAttributes.of({
      'aria-label': name,
      'aria-describedby': 'keyboard-hint',
      'aria-readonly': String(this.readOnly),
    });
  }

  /** The indentation for `language` in a document holding `code` (see `indentation.ts`). */
  #indentation(language: string | undefined, code: string): Extension {
    return [indentUnit.of(indentUnitFor(language, code)), EditorState.tabSize.of(4)];
  }

  #applyLabel(): void {
    this.#view?.dispatch({ effects: this.#labelSlot.reconfigure(this.#labelAttributes()) });
  }

  #editable(editable: boolean): Extension {
    return [EditorState.readOnly.of(!editable)];
  }

  /**
   * Binds to the session's shared code, and again to another question's own code whenever an
   * interviewer moves to another coding question (the collab's `question` event).
   */
  #bindLive(collab: CollabSession, cleanup: Cleanup): void {
    // Editable once the document holds the server's state (the ticket's snapshot or the first sync).
    this.locked = collab.readOnly || (collab.status === 'connecting' && !collab.loaded);
    this.over = collab.sessionOver;
    let code: Cleanup | undefined;
    cleanup.add(() => code?.run());
    const bindCode = () => {
      code?.run();
      code = new Cleanup();
      this.#bindCode(collab, code);
    };
    // CodeMirror's view is made once there is code to show (the ticket's snapshot, the first sync,
    // or none to wait for when offline), with it and editable or not from the start: one view
    // made whole instead of an empty one filled and reconfigured in the page's busiest moment.
    const bindOnceLoaded = () => {
      if (!code && (collab.loaded || collab.status === 'offline')) bindCode();
    };
    const onStatus = () => {
      this.#setLocked(collab.readOnly);
      bindOnceLoaded();
      this.dispatchEvent(new ConnectionChangeEvent({ status: collab.status }));
    };
    const onReadOnly = () => {
      this.over = collab.sessionOver;
      this.#setLocked(collab.readOnly);
    };
    cleanup.listen(collab, 'status', onStatus);
    cleanup.listen(collab, 'loaded', () => {
      this.#setLocked(collab.readOnly);
      bindOnceLoaded();
    });
    cleanup.listen(collab, 'readonly', onReadOnly);
    cleanup.listen(collab, 'session-state', onReadOnly);
    const onPresence = () => this.#fileList.setViewers(collab.awareness.getStates().values(), collab.localUser?.id);
    cleanup.listen(collab, 'save-state', () => this.#fileList.saveState(collab.saveState, (reason) => this.#fileRefusalText(reason)));
    cleanup.listen(collab, 'presence', onPresence);
    cleanup.listen(collab, 'question', () => code && bindCode());
    cleanup.listen(collab.session, 'change', onReadOnly);
    bindOnceLoaded();
    onPresence();
    let ended = false;
    cleanup.add(() => (ended = true));
    void collab.start().then(() => !ended && onStatus(), () => {});
  }

  /**
   * The project of the coding question in play (`collab.code` and its other files): its file list,
   * and the editor on the open file, the entry file first. Follows renames and deletes by anyone
   * (a deleted open file gives way to the entry file) and shares which file is open (presence
   * field `file`), so that others see who is where; remote cursors show in the file they are in.
   */
  #bindCode(collab: CollabSession, cleanup: Cleanup): void {
    const project = new ProjectModel(collab.doc, collab.slot);
    let file = new Cleanup();
    let bound: Y.Text | undefined;
    const open = (path: string, focus: boolean) => {
      const target = project.has(path) ? path : project.entryPath;
      const text = project.textOf(target)!;
      this.#fileList.open = target;
      collab.awareness.setLocalStateField('file', target);
      if (text !== bound) {
        const hadFocus = this.#view?.hasFocus ?? false;
        file.run();
        file = new Cleanup();
        bound = text;
        this.#bindText(collab, text, file);
        focus ||= hadFocus;
      }
      if (focus) this.#view?.focus();
    };
    this.#openFile = open;
    this.#fileList.attach(project);
    const unobserve = project.observe(({ renamed, removed }) => {
      this.#fileList.refresh();
      const current = this.#fileList.open;
      if (renamed?.from === current) open(renamed.to, false);
      else if (removed.includes(current)) open(project.entryPath, false);
    });
    const languageKey = collab.languageKey;
    const onMeta = (event: Y.YMapEvent<unknown>) => {
      if (!event.keysChanged.has(languageKey)) return;
      const remote = !event.transaction.local;
      const changedBy = remote ? collab.writerOf(collab.meta, languageKey) : collab.localUser;
      void this.#showLanguage(languageOf(collab.doc, collab.slot), { remote, ...(changedBy && { changedBy }) });
    };
    collab.meta.observe(onMeta);
    cleanup.add(() => {
      unobserve();
      collab.meta.unobserve(onMeta);
      file.run();
      if (this.#openFile === open) this.#openFile = undefined;
      this.#fileList.attach(undefined);
      this.language = undefined;
    });
    open(project.entryPath, false);
    void this.#showLanguage(languageOf(collab.doc, collab.slot));
  }

  /** The editor on one file's shared text: everyone's cursors in it, undo of one's own edits in it. */
  #bindText(collab: CollabSession, text: Y.Text, cleanup: Cleanup): void {
    const undoManager = new Y.UndoManager(text);
    const view = this.#showView(
      [
        // Ctrl/Cmd+Enter is the run shortcut (the run panel and the room listen for it): it never
        // edits the code, so it is taken here before the default keymap's "insert blank line".
        keymap.of([{ key: 'Mod-Enter', run: () => true }]),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...yUndoManagerKeymap, indentWithTab]),
        this.#editableSlot.of(this.#editable(!this.locked)),
        blockedEdits(
          () => this.locked,
          () => collab.reportBlockedEdit(),
        ),
        yCollab(text, collab.awareness, { undoManager }),
        cursorLabels(collab.awareness),
        insertionSignals((signal) => this.dispatchEvent(new InsertionSignalEvent(signal))),
      ],
      text.toString(),
      cleanup,
    );
    cleanup.add(() => undoManager.destroy());
    void this.#applyMode(view);
  }

  /** The words for a refused change of files: the size limit, else the server's own reason. */
  #fileRefusalText(reason: string): string {
    const t = this.#t;
    return reason === 'quota' ? notSavedText(t, reason) : t.files.refused(reason);
  }

  /** A fresh CodeMirror view in the container, destroyed when the binding ends. */
  #showView(extensions: Extension[], doc: string, cleanup: Cleanup): EditorView {
    const view = new EditorView({
      parent: this.container!,
      root: this.renderRoot as ShadowRoot,
      state: EditorState.create({ doc, extensions: [this.#baseExtensions(), ...extensions] }),
    });
    this.#view = view;
    cleanup.add(() => {
      view.destroy();
      if (this.#view === view) this.#view = undefined;
    });
    return view;
  }

  #setLocked(locked: boolean): void {
    if (this.locked === locked) return;
    this.locked = locked;
    this.#view?.dispatch({ effects: this.#editableSlot.reconfigure(this.#editable(!locked)) });
    this.#applyLabel();
  }

  /** The session's language changed: the entry file's mode follows (once its pack loaded), then the change is announced. */
  async #showLanguage(language: string | undefined, source: { remote: boolean; changedBy?: CollabUser } = { remote: false }): Promise<void> {
    if (language === this.language) return;
    this.language = language;
    await this.#applyMode();
    if (this.language !== language || !this.#view) return;
    this.dispatchEvent(new LanguageChangeEvent({ language, ...source }));
  }

  /**
   * The open file's language mode and indentation in `view`: the session's language for the
   * entry file, else the one of the file's extension (plain text when none).
   */
  async #applyMode(view = this.#view): Promise<void> {
    if (!view) return;
    const language = this.#fileList.openIsEntry ? this.language : languageOfPath(this.#fileList.open);
    if (this.#modes.has(view) && this.#modes.get(view) === language) return;
    this.#modes.set(view, language);
    const pack = await loadLanguage(language);
    if (view !== this.#view || this.#modes.get(view) !== language) return;
    view.dispatch({
      effects: [this.#languageSlot.reconfigure(pack), this.#indentSlot.reconfigure(this.#indentation(language, view.state.doc.toString()))],
    });
  }

  #setLanguage(language: string): void {
    const collab = this.#live.collab;
    if (!collab || this.readOnly) return;
    collab.meta.set(collab.languageKey, language);
  }

  async #bindReplay(session: InterviewSession, cleanup: Cleanup): Promise<void> {
    this.replayMessage = 'loading';
    const view = this.#showView([EditorState.readOnly.of(true)], '', cleanup);
    const open = (path: string) => {
      this.#fileList.open = path;
      if (this.replayFrame) this.#showFrame(view, this.replayFrame);
    };
    this.#openFile = open;
    cleanup.add(() => {
      this.#player?.destroy();
      this.#player = undefined;
      this.runMarks = [];
      this.#fileList.show([]);
      if (this.#openFile === open) this.#openFile = undefined;
      this.language = undefined;
    });
    try {
      const [response, sessionView] = await Promise.all([session.client.timeline(session.sessionId), session.view ?? session.load()]);
      if (view !== this.#view) return;
      const timeline = decodeTimeline(response);
      if (timeline.length === 0) {
        this.replayMessage = 'empty';
        return;
      }
      this.#sessionStart = Date.parse(sessionView.startedAt ?? sessionView.createdAt);
      // The replay follows the question in play: its code slot, and its runs only.
      this.runMarks = runMarksOf(runRecordsOf(timeline), sessionView.question.index ?? 0);
      this.#player = new ReplayPlayer(timeline, (frame) => this.#showFrame(view, frame), sessionView.question.slot ?? 0);
      this.replayMessage = undefined;
      if (this.replayAt === undefined) this.#player.seek(this.#player.duration);
      else this.#player.seekTo(this.replayAt);
    } catch (error) {
      if (view === this.#view) this.replayMessage = { failed: (error as Error).message };
    }
  }

  /** One moment of the replay: its file list, and the open file (the entry file when it did not exist yet) as it was. */
  #showFrame(view: EditorView, frame: ReplayFrame): void {
    if (view !== this.#view) return;
    this.#fileList.show(frame.files.map((file, i) => ({ path: file.path, entry: i === 0, language: i === 0 ? frame.language : languageOfPath(file.path) })));
    const open = frame.files.find((file) => file.path === this.#fileList.open) ?? frame.files[0]!;
    this.#fileList.open = open.path;
    const current = view.state.doc.toString();
    if (current !== open.content) view.dispatch({ changes: { from: 0, to: current.length, insert: open.content } });
    if (frame.language !== this.language) void this.#showLanguage(frame.language);
    else void this.#applyMode(view);
    const moved = this.replayFrame?.at !== frame.at;
    this.replayFrame = frame;
    this.requestUpdate();
    if (moved) this.dispatchEvent(new ReplayMomentEvent({ at: frame.at }));
  }
}
