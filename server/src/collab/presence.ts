import { colourFor, lightColourFor } from '@interview-kit/core/collab/colours';
import type { Awareness } from 'y-protocols/awareness';
import type { SyncContext } from './extensions/authentication.js';
import type { AwarenessState } from './awareness-states.js';
import { awarenessState, type AwarenessEntry } from './sync-frames.js';

/** The `user` field of an awareness state as the server publishes it (`CollabUser` in core). */
export interface PresenceUser {
  id: string;
  name: string;
  role: string;
  color: string;
  colorLight: string;
}

/**
 * What becomes of one awareness message of a connection: passed as it is, or replaced by its
 * corrected entries (both as the entries' parsed `states`, applied without parsing them again),
 * dropped, or refused.
 */
export type PresenceVerdict =
  | { kind: 'pass'; states: AwarenessState[] }
  | { kind: 'replace'; states: AwarenessState[] }
  | { kind: 'drop' }
  | { kind: 'refuse'; reason: string };

/**
 * The rules of presence (Yjs awareness: names, roles, colours and cursors shown to others).
 *
 * - A connection publishes for one client id only: the first it uses that is not another
 *   participant's in the same document. Entries for other client ids are dropped unread, never
 *   relayed (the stock provider echoes every state it receives back to the server; those echoes
 *   go too, without their JSON being parsed).
 * - The `user` field is the server's truth: id, name and role of the authenticated participant,
 *   and the colours of the participant's position in the session's participant list (see
 *   `colourFor` in core: eight distinct colours, then again from the first). Whatever a client
 *   claims there is replaced.
 * - A state above the size limit, one that is not JSON, or one that is not an object, is refused.
 *
 * A message that already follows the rules passes unchanged; one that does not is replaced by
 * its corrected entries (or dropped when none is left). Each connection's stamped `user` is kept,
 * so that the common message (the cursor moved, the user is the one already stamped) costs one
 * parse and one comparison.
 */
export class PresenceRules {
  /** Per document: which participant each client id belongs to. */
  readonly #owners = new WeakMap<object, Map<number, string>>();
  /** Per connection: the client id it publishes for. */
  readonly #bound = new WeakMap<object, number>();
  /** Per connection: the `user` the server last stamped on its state. */
  readonly #stamped = new WeakMap<object, PresenceUser>();

  constructor(private readonly maxStateBytes: number) {}

  review(document: object, connection: object, who: SyncContext, entries: AwarenessEntry[]): PresenceVerdict {
    let bound = this.#bound.get(connection);
    const kept: AwarenessState[] = [];
    let changed = false;
    for (const entry of entries) {
      if (entry.bytes > this.maxStateBytes) return { kind: 'refuse', reason: `awareness state larger than ${this.maxStateBytes} bytes` };
      if (bound === undefined && this.#claim(document, entry.clientId, who.participantId)) {
        bound = entry.clientId;
        this.#bound.set(connection, bound);
      }
      if (entry.clientId !== bound) {
        changed = true;
        continue;
      }
      let state: unknown;
      try {
        state = awarenessState(entry);
      } catch {
        return { kind: 'refuse', reason: 'an awareness state must be JSON' };
      }
      if (state === null) {
        kept.push({ clientId: entry.clientId, clock: entry.clock, state });
        continue;
      }
      if (typeof state !== 'object' || Array.isArray(state)) return { kind: 'refuse', reason: 'an awareness state must be an object' };
      const claimed = (state as { user?: unknown }).user;
      const user = this.#userFor(connection, who, claimed);
      if (user === claimed) {
        kept.push({ clientId: entry.clientId, clock: entry.clock, state });
      } else {
        kept.push({ clientId: entry.clientId, clock: entry.clock, state: { ...state, user } });
        changed = true;
      }
    }
    if (!changed) return { kind: 'pass', states: kept };
    if (kept.length === 0) return { kind: 'drop' };
    return { kind: 'replace', states: kept };
  }

  /**
   * The `user` the connection's state must show: `claimed` itself when it already is that (the
   * stamped user kept from last time, or the one stamped now), else the server's.
   */
  #userFor(connection: object, who: SyncContext, claimed: unknown): unknown {
    const kept = this.#stamped.get(connection);
    if (kept && sameUser(claimed, kept)) return claimed;
    const user = userOf(who);
    this.#stamped.set(connection, user);
    return sameUser(claimed, user) ? claimed : user;
  }

/** Whether `clientId` is free in `document` or already `participantId`'s; claims it if free. */
  #claim(document: object, clientId: number, participantId: string): boolean {
    let owners = this.#owners.get(document);
    if (!owners) this.#owners.set(document, (owners = new Map()));
    const owner = owners.get(clientId);
    if (owner === undefined) owners.set(clientId, participantId);
    return owner === undefined || owner === participantId;
  }
}

/** The JSON text of a state that leaves (`null`). */
const LEAVING = new TextEncoder().encode('null');

/**
 * Whether applying `entries` to `awareness` would change nothing: no entry is newer than the
 * state the document holds for its client (y-protocols ignores such entries). These are the stock
 * provider's echoes: it sends back every state the server sent it, and each keystroke with a
 * cursor brings the server one from every other client in the document. They are dropped unread
 * at the socket, before any hook sees them.
 */
export function changesNothing(awareness: Pick<Awareness, 'meta' | 'states'>, entries: AwarenessEntry[]): boolean {
  for (const { clientId, clock, json } of entries) {
    const known = awareness.meta.get(clientId)?.clock;
    if (known === undefined || known < clock) return false;
    // y-protocols applies a leave at the same clock while it still holds a state.
    if (known === clock && awareness.states.has(clientId) && equalBytes(json, LEAVING)) return false;
  }
  return true;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}

/** The participant as others see them: who they are, and the colours of their position in the session. */
export function userOf(who: SyncContext): PresenceUser {
  return { id: who.participantId, name: who.name, role: who.role, color: colourFor(who.position), colorLight: lightColourFor(who.position) };
}

function sameUser(claimed: unknown, user: PresenceUser): boolean {
  if (typeof claimed !== 'object' || claimed === null) return false;
  const claim = claimed as Record<string, unknown>;
  return (
    Object.keys(claim).length === 5 &&
    claim.id === user.id &&
    claim.name === user.name &&
    claim.role === user.role &&
    claim.color === user.color &&
    claim.colorLight === user.colorLight
  );
}
