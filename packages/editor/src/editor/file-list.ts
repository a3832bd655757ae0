import type { CollabUser, SaveState } from '@interview-kit/core';
import { html, nothing, type LitElement, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { FileListStrings } from './editor.strings.js';
import { PROJECT_FILE_LIMIT, type ProjectEntry, type ProjectModel, type ProjectNameProblem } from './project-model.js';

/** The element a {@link FileList} belongs to. */
export type FileListHost = LitElement;

/** What a {@link FileList} asks of its element. */
export interface FileListOptions {
  /** Opens the file at `path` in the code area (and focuses the code when `focus`). */
  open(path: string, focus: boolean): void;
  /** Whether files may be created, renamed and deleted here now. */
  editable(): boolean;
  /** The element's file-list strings, in its language. */
  strings(): FileListStrings;
}

/** What the list is doing besides listing: naming a new file, renaming one, or asking before a delete. */
type Editing = { kind: 'create'; draft: string; shown: boolean } | { kind: 'rename'; path: string; draft: string; shown: boolean } | { kind: 'delete'; path: string };

/**
 * The editor's file list, its rendering and what it is doing: the project's files (the entry file first), the open
 * one marked, who else has each open, and — where the participant may edit — a new-file field,
 * renaming and deleting (after a confirmation) with the reasons a name is refused. Keyboard: one
 * tab stop; arrow keys (and Home/End) move between files, Enter opens, F2 renames, Delete deletes.
 * The data comes from a {@link ProjectModel} (live) or from the replay's frame (read-only).
 */
export class FileList {
  readonly #host: FileListHost;
  readonly #options: FileListOptions;
  #project: ProjectModel | undefined;
  #files: readonly ProjectEntry[] = [];
  #open = '';
  /** The file whose button is the list's tab stop. */
  #focusPath: string | undefined;
  #editing: Editing | undefined;
  /** Others who have each file open. */
  #viewers = new Map<string, CollabUser[]>();
  /** Whether the list shows; `undefined` until toggled: shown for a project of several files. */
  #expanded: boolean | undefined;
  #refusal: string | undefined;

  constructor(host: FileListHost, options: FileListOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** The files listed, the entry file first. */
  get files(): readonly ProjectEntry[] {
    return this.#files;
  }

  /** The path of the file open in the code area. */
  get open(): string {
    return this.#open;
  }

  set open(path: string) {
    this.#open = path;
    this.#host.requestUpdate();
  }

  /** Whether the open file is the entry file. */
  get openIsEntry(): boolean {
    return this.#files.find((file) => file.path === this.#open)?.entry ?? true;
  }

  /** Whether the list shows: as toggled, else when the project has several files. */
  get expanded(): boolean {
    return this.#expanded ?? this.#files.length > 1;
  }

  /** Lists a live project (whose files can change), or, without one, nothing. */
  attach(project: ProjectModel | undefined): void {
    this.#project = project;
    this.#editing = undefined;
    this.#refusal = undefined;
    this.refresh();
  }

  /** Lists `files` as they are (the replay's moment); nothing can change them. */
  show(files: readonly ProjectEntry[]): void {
    this.#project = undefined;
    this.#setFiles(files);
  }

  /** Reads the live project's files again. */
  refresh(): void {
    this.#setFiles(this.#project?.list() ?? []);
  }

  /** Who else has which file open: `file` of each other participant's presence, the entry file when absent. */
  setViewers(states: Iterable<{ user?: CollabUser; file?: unknown }>, me: string | undefined): void {
    const viewers = new Map<string, CollabUser[]>();
    const entry = this.#files[0]?.path;
    for (const { user, file } of states) {
      if (!user || user.id === me) continue;
      const path = typeof file === 'string' ? file : entry;
      if (path === undefined) continue;
      viewers.set(path, [...(viewers.get(path) ?? []).filter((other) => other.id !== user.id), user]);
    }
    this.#viewers = viewers;
    this.#host.requestUpdate();
  }

  /**
   * Follows whether changes are saved: a refusal by the server (the size limit, the server's own
   * reasons; not the end of the interview or a read-only role, which the element says elsewhere)
   * shows with the list until the server keeps changes again.
   */
  saveState(state: SaveState, reasonText: (reason: string) => string): void {
    if (state.kind === 'saved') this.#refusal = undefined;
    else if (state.kind === 'refused' && state.reason !== 'ended' && state.reason !== 'read-only') this.#refusal = reasonText(state.reason);
    this.#host.requestUpdate();
  }

  /** Shows or hides the list. */
  toggle(): void {
    this.#expanded = !this.expanded;
    this.#host.requestUpdate();
  }

  #setFiles(files: readonly ProjectEntry[]): void {
    this.#files = files;
    const paths = files.map((file) => file.path);
    const editing = this.#editing;
    if (editing && editing.kind !== 'create' && !paths.includes(editing.path)) this.#editing = undefined;
    if (this.#focusPath !== undefined && !paths.includes(this.#focusPath)) this.#focusPath = undefined;
    this.#host.requestUpdate();
  }

  /** The toolbar's show/hide button. */
  renderToggle(): TemplateResult {
    const t = this.#options.strings();
    return html`<button
      type="button"
      class="files-toggle"
      part="files-toggle"
      aria-expanded=${String(this.expanded)}
      aria-controls="files"
      @click=${() => this.toggle()}
    >
      ${t.toggle(this.#files.length)}
    </button>`;
  }

  /** The list itself (hidden while collapsed). */
  render(): TemplateResult {
    const t = this.#options.strings();
    const editable = this.#options.editable() && this.#project !== undefined;
    if (!editable && this.#editing) this.#editing = undefined;
    const tabStop = this.#focusPath ?? (this.#files.some((file) => file.path === this.#open) ? this.#open : this.#files[0]?.path);
    return html`<nav id="files" class="files" part="files" aria-label=${t.list} ?hidden=${!this.expanded}>
      <ul class="file-list" part="file-list">
        ${this.#files.map((file) => this.#renderFile(file, t, editable, file.path === tabStop))}
      </ul>
      ${editable ? this.#renderCreate(t) : nothing}
      <p id="files-hint" class="visually-hidden">${t.keyboardHint}</p>
      <p class="files-message" part="files-message" role="alert">${this.#refusal ?? ''}</p>
    </nav>`;
  }

  #renderFile(file: ProjectEntry, t: FileListStrings, editable: boolean, tabStop: boolean): TemplateResult {
    const editing = this.#editing;
    if (editing?.kind === 'rename' && editing.path === file.path) return html`<li class="file" part="file">${this.#renderRename(editing, t)}</li>`;
    const viewers = this.#viewers.get(file.path) ?? [];
    const changeable = editable && !file.entry;
    const confirming = editing?.kind === 'delete' && editing.path === file.path;
    return html`<li class="file" part="file" ?data-entry=${file.entry}>
      <button
        type="button"
        class="file-button"
        part="file-button"
        data-path=${file.path}
        aria-current=${file.path === this.#open ? 'true' : nothing}
        aria-describedby="files-hint"
        tabindex=${tabStop ? 0 : -1}
        @click=${() => this.#options.open(file.path, true)}
        @keydown=${(event: KeyboardEvent) => this.#onFileKey(event, file, changeable)}
        @focus=${() => (this.#focusPath = file.path)}
      >
        <span class="file-name" translate="no">${file.path}</span>
        ${file.entry ? html`<span class="entry-mark">${t.entry}</span>` : nothing}
        ${viewers.length
          ? html`<span class="viewers" title=${t.openBy(viewers.map((user) => user.name).join(', '))}
              ><span class="visually-hidden">${t.openBy(viewers.map((user) => user.name).join(', '))}</span>
              ${viewers.map((user) => html`<span class="dot" aria-hidden="true" style="--_colour: ${user.color}"></span>`)}</span
            >`
          : nothing}
      </button>
      ${changeable
        ? html`<button type="button" class="file-action" part="rename-button" tabindex="-1" aria-label=${t.rename(file.path)} title=${t.rename(file.path)} @click=${() => this.#startRename(file.path)}>
              <span aria-hidden="true">✎</span></button
            ><button type="button" class="file-action" part="delete-button" tabindex="-1" aria-label=${t.delete(file.path)} title=${t.delete(file.path)} @click=${() => this.#startDelete(file.path)}>
              <span aria-hidden="true">×</span>
            </button>`
        : nothing}
      ${confirming ? this.#renderConfirm(file.path, t) : nothing}
    </li>`;
  }

  #renderConfirm(path: string, t: FileListStrings): TemplateResult {
    return html`<div class="confirm" part="delete-confirm" role="group" aria-labelledby="confirm-question">
      <span id="confirm-question">${t.confirmDelete(path)}</span>
      <button type="button" class="danger" part="confirm-delete-button" @click=${() => this.#delete(path)} @keydown=${(e: KeyboardEvent) => this.#cancelOnEscape(e, path)}>
        ${t.confirm}
      </button>
      <button type="button" @click=${() => this.#cancel(path)} @keydown=${(e: KeyboardEvent) => this.#cancelOnEscape(e, path)}>${t.cancel}</button>
    </div>`;
  }

  #renderRename(editing: Extract<Editing, { kind: 'rename' }>, t: FileListStrings): TemplateResult {
    const problem = editing.shown ? this.#project?.problemOf(editing.draft, editing.path) : undefined;
    return this.#renderNameForm({
      label: t.renameTo(editing.path),
      submit: t.save,
      draft: editing.draft,
      problem,
      t,
      part: 'rename-form',
      onInput: (draft) => (this.#editing = { ...editing, draft, shown: true }),
      onSubmit: () => this.#rename(editing),
      onCancel: () => this.#cancel(editing.path),
    });
  }

  #renderCreate(t: FileListStrings): TemplateResult {
    const editing = this.#editing;
    const full = this.#files.length >= PROJECT_FILE_LIMIT;
    if (editing?.kind !== 'create') {
      return html`<div class="files-actions">
        <button type="button" part="new-file-button" ?disabled=${full} aria-describedby=${full ? 'files-limit' : nothing} @click=${() => this.#startCreate()}>
          + ${t.newFile}
        </button>
        ${full ? html`<p id="files-limit" class="files-note" part="files-limit">${t.problems.limit}</p>` : nothing}
      </div>`;
    }
    const problem = editing.shown ? this.#project?.problemOf(editing.draft) : undefined;
    return this.#renderNameForm({
      label: t.newFileName,
      submit: t.create,
      draft: editing.draft,
      problem,
      t,
      part: 'new-file-form',
      onInput: (draft) => (this.#editing = { kind: 'create', draft, shown: draft !== '' || editing.shown }),
      onSubmit: () => this.#create(editing),
      onCancel: () => this.#cancel(undefined),
    });
  }

  #renderNameForm(form: {
    label: string;
    submit: string;
    draft: string;
    problem: ProjectNameProblem | undefined;
    t: FileListStrings;
    part: string;
    onInput: (draft: string) => void;
    onSubmit: () => void;
    onCancel: () => void;
  }): TemplateResult {
    return html`<form
      class="name-form"
      part=${form.part}
      @submit=${(event: Event) => {
        event.preventDefault();
        form.onSubmit();
      }}
    >
      <label class="visually-hidden" for="file-name">${form.label}</label>
      <input
        id="file-name"
        part="file-name-input"
        translate="no"
        autocomplete="off"
        spellcheck="false"
        .value=${live(form.draft)}
        aria-invalid=${form.problem ? 'true' : 'false'}
        aria-describedby="file-name-problem"
        @input=${(event: Event) => {
          form.onInput((event.target as HTMLInputElement).value);
          this.#host.requestUpdate();
        }}
        @keydown=${(event: KeyboardEvent) => {
          if (event.key !== 'Escape') return;
          event.preventDefault();
          event.stopPropagation();
          form.onCancel();
        }}
      />
      <button type="submit">${form.submit}</button>
      <button type="button" @click=${form.onCancel}>${form.t.cancel}</button>
      <p id="file-name-problem" class="name-problem" part="file-name-problem" aria-live="polite">${form.problem ? form.t.problems[form.problem] : ''}</p>
    </form>`;
  }

  #onFileKey(event: KeyboardEvent, file: ProjectEntry, changeable: boolean): void {
    const rtl = getComputedStyle(event.currentTarget as Element).direction === 'rtl';
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 };
    const index = this.#files.indexOf(file);
    let target: number | undefined;
    if (event.key in steps) target = Math.max(0, Math.min(this.#files.length - 1, index + steps[event.key]!));
    else if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = this.#files.length - 1;
    else if (event.key === 'F2' && changeable) this.#startRename(file.path);
    else if (event.key === 'Delete' && changeable) this.#startDelete(file.path);
    else return;
    event.preventDefault();
    if (target !== undefined) void this.#focusFile(this.#files[target]!.path);
  }

  #startCreate(): void {
    this.#editing = { kind: 'create', draft: '', shown: false };
    void this.#focus('#file-name');
  }

  #create(editing: Extract<Editing, { kind: 'create' }>): void {
    const problem = this.#project?.create(editing.draft);
    if (problem) {
      this.#editing = { ...editing, shown: true };
      this.#host.requestUpdate();
      void this.#focus('#file-name');
      return;
    }
    this.#editing = undefined;
    this.refresh();
    this.#options.open(editing.draft, true);
  }

  #startRename(path: string): void {
    this.#editing = { kind: 'rename', path, draft: path, shown: false };
    void this.#focus('#file-name').then((input) => (input as HTMLInputElement | null)?.select());
  }

  #rename(editing: Extract<Editing, { kind: 'rename' }>): void {
    const problem = this.#project?.rename(editing.path, editing.draft);
    if (problem) {
      this.#editing = { ...editing, shown: true };
      this.#host.requestUpdate();
      return;
    }
    // The element follows the rename itself (the project's change), for others' renames too.
    this.#editing = undefined;
    this.refresh();
    void this.#focusFile(editing.draft);
  }

  #startDelete(path: string): void {
    this.#editing = { kind: 'delete', path };
    void this.#focus('[part="confirm-delete-button"]');
  }

  #delete(path: string): void {
    const index = this.#files.findIndex((file) => file.path === path);
    this.#editing = undefined;
    if (!this.#project?.delete(path)) return;
    this.refresh();
    void this.#focusFile(this.#files[Math.min(index, this.#files.length - 1)]!.path);
  }

  #cancelOnEscape(event: KeyboardEvent, path: string): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    this.#cancel(path);
  }

  /** Leaves naming or confirming; focus goes back to the file (or the new-file button). */
  #cancel(path: string | undefined): void {
    this.#editing = undefined;
    this.#host.requestUpdate();
    if (path === undefined) void this.#focus('[part="new-file-button"]');
    else void this.#focusFile(path);
  }

  #focusFile(path: string): Promise<Element | null> {
    this.#focusPath = path;
    return this.#focus(`[part="file-button"][data-path="${CSS.escape(path)}"]`);
  }

  /** Focuses the element at `selector` once rendered. */
  async #focus(selector: string): Promise<Element | null> {
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    const element = this.#host.renderRoot.querySelector<HTMLElement>(selector);
    element?.focus();
    return element;
  }
}
