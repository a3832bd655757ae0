/**
 * How many bytes of client updates the history of each loaded document holds, against the cap
 * (`DOC_MAX_BYTES`). The history is never trimmed (replay reads it whole), so every accepted
 * update counts with its encoded size, deletions included, and nothing is given back: this is
 * what bounds a document on disk. Updates sealed at rest count as their plain size (the store
 * leaves out the envelope), so a document counts alike with or without `DATA_ENCRYPTION_KEY`. The server's own writes are not counted.
 */
export class DocumentQuotas {
  readonly #used = new Map<string, number>();

  constructor(readonly maxBytes: number) {}

  /** A document came into memory with `bytes` of client updates in its history. */
  loaded(document: string, bytes: number): void {
    this.#used.set(document, bytes);
  }

  /** Reserves room for an update; `false` (nothing reserved) when it would pass the cap. */
  reserve(document: string, bytes: number): boolean {
    const used = this.#used.get(document) ?? 0;
    if (used + bytes > this.maxBytes) return false;
    this.#used.set(document, used + bytes);
    return true;
  }

  /** Gives back a reservation whose update was not stored after all. */
  release(document: string, bytes: number): void {
    const used = this.#used.get(document);
    if (used !== undefined) this.#used.set(document, Math.max(0, used - bytes));
  }

  forget(document: string): void {
    this.#used.delete(document);
  }
}
