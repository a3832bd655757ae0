import type { Extension } from '@codemirror/state';
import { EditorView, ViewPlugin, type PluginValue } from '@codemirror/view';
import type { CollabSession } from '@interview-kit/core';

type Awareness = CollabSession['awareness'];

/** How long a remote cursor's name stays up after that person's last move or edit. */
export const CURSOR_LABEL_MS = 2_000;

/**
 * The name labels of remote cursors (drawn by y-codemirror.next) in the room's font, shown for
 * {@link CURSOR_LABEL_MS} after that person moves or types and while the pointer is over the
 * cursor, hidden otherwise so that they never cover the code for long. A shown label carries
 * `data-active` on its caret.
 */
export function cursorLabels(awareness: Awareness, showMs = CURSOR_LABEL_MS): Extension {
  return [labelTheme, ViewPlugin.define((view) => new CursorLabels(view, awareness, showMs))];
}

const labelTheme = EditorView.theme({
  '.cm-ySelectionInfo': {
    fontFamily: 'var(--interview-font-family, system-ui, sans-serif)',
    fontSize: '0.75rem',
    lineHeight: '1.2',
    padding: '0 0.25rem',
    borderRadius: '3px 3px 3px 0',
    top: '-1.25em',
  },
  '.cm-ySelectionCaret[data-active] > .cm-ySelectionInfo': { opacity: 1 },
  '.cm-ySelectionCaret[data-active] > .cm-ySelectionCaretDot': { transform: 'scale(0)' },
});

/** Who is shown: a caret is known by the name and colour it is drawn with (colours are assigned, one per person). */
interface Shown {
  name: string;
  color: string;
  until: number;
}

class CursorLabels implements PluginValue {
  readonly #shown = new Map<number, Shown>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly view: EditorView,
    private readonly awareness: Awareness,
    private readonly showMs: number,
  ) {
    awareness.on('change', this.#onChange);
  }

  readonly #onChange = ({ added, updated }: { added: number[]; updated: number[] }): void => {
    const now = Date.now();
    for (const clientId of [...added, ...updated]) {
      if (clientId === this.awareness.clientID) continue;
      const state = this.awareness.getStates().get(clientId) as { user?: { name?: unknown; color?: unknown }; cursor?: unknown } | undefined;
      const { name, color } = state?.user ?? {};
      if (!state?.cursor || typeof name !== 'string' || typeof color !== 'string') continue;
      this.#shown.set(clientId, { name, color, until: now + this.showMs });
    }
    this.#schedule();
  };

  update(): void {
    // A redraw may have made new caret elements.
    if (this.#shown.size > 0) this.#schedule();
  }

  destroy(): void {
    this.awareness.off('change', this.#onChange);
    clearTimeout(this.#timer);
  }

  /** Marks the carets after the view has drawn them, and again when the next label is due to go. */
  #schedule(): void {
    this.view.requestMeasure({ key: this, read: () => undefined, write: () => this.#mark() });
  }

  #mark(): void {
    const now = Date.now();
    for (const [clientId, shown] of this.#shown) if (shown.until <= now) this.#shown.delete(clientId);
    const shown = [...this.#shown.values()];
    for (const caret of this.view.contentDOM.querySelectorAll<HTMLElement>('.cm-ySelectionCaret')) {
      const name = caret.querySelector('.cm-ySelectionInfo')?.textContent;
      const style = caret.getAttribute('style') ?? '';
      caret.toggleAttribute('data-active', shown.some((s) => s.name === name && style.includes(s.color)));
    }
    clearTimeout(this.#timer);
    if (shown.length > 0) this.#timer = setTimeout(() => this.#schedule(), Math.min(...shown.map((s) => s.until)) - now);
  }
}
