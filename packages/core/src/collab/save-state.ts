import type { Readable } from '../store.js';

/**
 * Why the server will not keep local changes: the interview `ended`, the participant may only
 * read (`read-only`: an observer, or an interview that has not started), the document reached
 * its size limit (`quota`), or the server's own words for any other refusal.
 */
export type SaveRefusal = 'ended' | 'read-only' | 'quota' | (string & {});

/**
 * Whether local changes are kept by the server:
 * - `saving`: local changes the server has not acknowledged yet (or the first sync is under way);
 * - `saved`: the server acknowledged the last local change, and only then;
 * - `offline`: no server connection; changes are kept locally and sync on reconnect;
 * - `refused`: the server will not keep local changes, for `reason`.
 */
export type SaveState = { kind: 'saving' } | { kind: 'saved' } | { kind: 'offline' } | { kind: 'refused'; reason: SaveRefusal };

/** What the save state is derived from (see {@link saveStateOf}). */
export interface SaveFacts {
  /** Local changes the server has not acknowledged (the sync provider's `unsyncedChanges`). */
  unsynced: number;
  /** The server connection: `offline` once lost, `synced` once holding the server's state. */
  connection: 'connecting' | 'connected' | 'synced' | 'offline';
  /** Why this participant may not edit; `null` while it may. */
  readOnly: 'ended' | 'read-only' | null;
  /** The participant tried to edit while read-only (keystrokes the editor could not take). */
  attempted: boolean;
  /** The server refused a local change (a negative acknowledgement, or a socket closed with a reason); cleared once everything is acknowledged. */
  refusal: SaveRefusal | null;
}

/** The save state the facts mean. Refusals win over everything; "saved" needs a synced connection with nothing unacknowledged. */
export function saveStateOf(facts: SaveFacts): SaveState {
  if (facts.readOnly && (facts.attempted || facts.refusal !== null)) return { kind: 'refused', reason: facts.readOnly };
  if (facts.refusal !== null && facts.unsynced > 0) return { kind: 'refused', reason: facts.refusal };
  if (facts.connection === 'offline') return { kind: 'offline' };
  if (facts.connection !== 'synced' || facts.unsynced > 0) return { kind: 'saving' };
  return { kind: 'saved' };
}

/** Whether two save states say the same. */
export function sameSaveState(a: SaveState, b: SaveState): boolean {
  return a.kind === b.kind && (a.kind !== 'refused' || a.reason === (b as { reason: SaveRefusal }).reason);
}

/** WebSocket close codes with which the sync server refuses what a client sent (policy, size, malformed data). */
const REFUSING_CLOSE_CODES = new Set([1003, 1007, 1008, 1009]);

/** How the sync server words a refusal for the document's size cap (`DOC_MAX_BYTES`). */
const QUOTA_REASON = /document size limit/i;

/**
 * The refusal a closed sync socket means, or `undefined` when the close refused nothing (a normal
 * close, a lost network, "try again later").
 */
export function refusalOfClose(code: number, reason: string): SaveRefusal | undefined {
  if (!REFUSING_CLOSE_CODES.has(code)) return undefined;
  if (QUOTA_REASON.test(reason)) return 'quota';
  return reason.trim() || 'refused by the server';
}

/**
 * Follows whether local changes are kept by the server, from what the sync provider and the
 * lifecycle report. Framework-free: {@link CollabSession} feeds it and re-announces its changes.
 *
 * "Saved" is claimed only when the server acknowledged the last local change; an edit the server
 * refuses (ended interview, read-only participant, size limit) shows as refused with the reason
 * for as long as it is not acknowledged.
 */
export class SaveTracker implements Readable<SaveState> {
  #facts: SaveFacts = { unsynced: 0, connection: 'connecting', readOnly: null, attempted: false, refusal: null };
  #value: SaveState = saveStateOf(this.#facts);
  readonly #listeners = new Set<(value: SaveState) => void>();

  get value(): SaveState {
    return this.#value;
  }

  get facts(): Readonly<SaveFacts> {
    return this.#facts;
  }

  subscribe(listener: (value: SaveState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The provider's count of unacknowledged local changes; reaching 0 clears a refusal. */
  unsynced(count: number): void {
    this.#update({ unsynced: count, ...(count === 0 && { refusal: null }) });
  }

  connection(connection: SaveFacts['connection']): void {
    this.#update({ connection });
  }

  /** Whether (and why) the participant may not edit; becoming writable forgets earlier attempts. */
  readOnly(reason: SaveFacts['readOnly']): void {
    this.#update({ readOnly: reason, ...(reason === null && { attempted: false }) });
  }

  /** The participant tried to edit; counts only while read-only. */
  attempted(): void {
    if (this.#facts.readOnly) this.#update({ attempted: true });
  }

  /** The server refused a local change for `reason`. */
  refused(reason: SaveRefusal): void {
    this.#update({ refusal: reason });
  }

  /** The sync socket closed: a refusing close counts only when local changes were waiting. */
  closed(code: number, reason: string): void {
    const refusal = refusalOfClose(code, reason);
    if (refusal !== undefined && this.#facts.unsynced > 0) this.refused(refusal);
  }

  #update(patch: Partial<SaveFacts>): void {
    this.#facts = { ...this.#facts, ...patch };
    const next = saveStateOf(this.#facts);
    if (sameSaveState(next, this.#value)) return;
    this.#value = next;
    for (const listener of [...this.#listeners]) listener(next);
  }
}
