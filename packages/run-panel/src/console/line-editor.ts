/** What one keystroke (or pasted text) in the console means. */
export type LineAction =
  | { type: 'echo'; text: string }
  | { type: 'send'; data: string }
  | { type: 'interrupt' }
  | { type: 'eof' };

/**
 * The console's line discipline (as a terminal's cooked mode would do it, since there is no pty):
 * characters are collected and shown locally until Enter sends the line with its newline;
 * Backspace edits it; Ctrl+C drops it and interrupts; Ctrl+D sends what is typed, then ends the
 * input. The server echoes what was sent to everyone, so the local text is erased when it is sent.
 */
export class LineEditor {
  #text = '';

  /** The line typed and not sent yet. */
  get text(): string {
    return this.#text;
  }

  /** Terminal output that erases the line typed from the screen (to be redrawn after other output). */
  erase(): string {
    return this.#text ? '\b \b'.repeat([...this.#text].length) : '';
  }

  clear(): void {
    this.#text = '';
  }

  feed(data: string): LineAction[] {
    const actions: LineAction[] = [];
    for (const char of data) {
      if (char === '\r' || char === '\n') {
        actions.push({ type: 'echo', text: this.erase() }, { type: 'send', data: `${this.#text}\n` });
        this.#text = '';
      } else if (char === '\x7f' || char === '\b') {
        if (this.#text) {
          this.#text = [...this.#text].slice(0, -1).join('');
          actions.push({ type: 'echo', text: '\b \b' });
        }
      } else if (char === '\x03') {
        actions.push({ type: 'echo', text: this.erase() }, { type: 'interrupt' });
        this.#text = '';
      } else if (char === '\x04') {
        actions.push({ type: 'echo', text: this.erase() });
        if (this.#text) actions.push({ type: 'send', data: this.#text });
        actions.push({ type: 'eof' });
        this.#text = '';
      } else if (char >= ' ' || char === '\t') {
        this.#text += char;
        actions.push({ type: 'echo', text: char });
      }
    }
    return actions.filter((action) => action.type !== 'echo' || action.text);
  }
}
