import type { DirectConnection, Hocuspocus } from '@hocuspocus/server';
import * as Y from 'yjs';

export interface SnapshotLimits {
  /** Largest snapshot handed out; a larger document is left to the sync socket alone. */
  maxBytes: number;
  /** How long a document loaded for a snapshot stays loaded, for the sync socket that follows. */
  holdMs: number;
  /** Documents held loaded for snapshots at once; past it a document not in memory gets none. */
  maxHeld: number;
}

/**
 * The shared document's state as a collaboration ticket hands it out: the room shows the code
 * from it at once, while its sync socket connects, authenticates and syncs (see
 * `docs/protocol.md`, "The ticket's snapshot").
 *
 * The document is loaded through Hocuspocus, as a socket would load it (stored history, starter
 * code, the session's state), and stays loaded for `holdMs`, so that the socket that follows the
 * ticket finds it in memory. What it holds is bounded: at most `maxHeld` documents at once, each
 * released after `holdMs` or when the server stops, and no snapshot above `maxBytes`.
 */
export class DocumentSnapshots {
  readonly #held = new Map<string, { connection: Promise<DirectConnection | undefined>; timer: ReturnType<typeof setTimeout> }>();
  #closed = false;

  constructor(
    private readonly sync: Hocuspocus,
    private readonly limits: SnapshotLimits,
  ) {}

  /**
   * The document's state (a Yjs update, v1); `undefined` when it is larger than the limit, or
   * not in memory while the limit of held documents is reached.
   */
  async snapshot(documentName: string): Promise<Uint8Array | undefined> {
    const document = this.sync.documents.get(documentName) ?? (await this.#hold(documentName));
    if (!document) return undefined;
    const state = Y.encodeStateAsUpdate(document);
    return state.byteLength <= this.limits.maxBytes ? state : undefined;
  }

  /** Documents held loaded for snapshots now. */
  get held(): number {
    return this.#held.size;
  }

  /** Releases every held document (the server is stopping); no snapshot loads a document after it. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#held.keys()].map((name) => this.#release(name)));
  }

  async #hold(documentName: string): Promise<Y.Doc | undefined> {
    let entry = this.#held.get(documentName);
    if (!entry) {
      if (this.#closed || this.#held.size >= this.limits.maxHeld) return undefined;
      const connection = this.sync.openDirectConnection(documentName, { snapshot: true }).catch(() => undefined);
      entry = { connection, timer: setTimeout(() => void this.#release(documentName), this.limits.holdMs) };
      entry.timer.unref?.();
      this.#held.set(documentName, entry);
    }
    const connection = await entry.connection;
    // A document that failed to load is not held: the next ticket tries again.
    if (!connection && this.#held.get(documentName) === entry) {
      this.#held.delete(documentName);
      clearTimeout(entry.timer);
    }
    return connection && this.sync.documents.get(documentName);
  }

  async #release(documentName: string): Promise<void> {
    const entry = this.#held.get(documentName);
    if (!entry) return;
    this.#held.delete(documentName);
    clearTimeout(entry.timer);
    await (await entry.connection)?.disconnect();
  }
}
