import { equalityDeep } from 'lib0/function';
import { getUnixTime } from 'lib0/time';
import type { Awareness } from 'y-protocols/awareness';

/** One client's entry of an awareness update, its state parsed (`null`: the client leaves). */
export interface AwarenessState {
  clientId: number;
  clock: number;
  state: unknown;
}

/**
 * What y-protocols' `applyAwarenessUpdate` does with an encoded update, for entries whose states
 * the server has parsed already (the presence review does, see `presence.ts`): so that a cursor
 * move is parsed once, not twice. Same rules (an entry applies when its clock is newer, or is a
 * leave at the same clock; a remote leave of the awareness' own local state bumps its clock
 * instead), same `change` and `update` events with `origin`.
 */
export function applyAwarenessStates(awareness: Awareness, entries: readonly AwarenessState[], origin: unknown): void {
  const timestamp = getUnixTime();
  const added: number[] = [];
  const updated: number[] = [];
  const filteredUpdated: number[] = [];
  const removed: number[] = [];
  for (const { clientId, clock: sent, state } of entries) {
    let clock = sent;
    const meta = awareness.meta.get(clientId);
    const previous = awareness.states.get(clientId);
    const current = meta === undefined ? 0 : meta.clock;
    if (!(current < clock || (current === clock && state === null && awareness.states.has(clientId)))) continue;
    if (state === null) {
      if (clientId === awareness.clientID && awareness.getLocalState() != null) clock++;
      else awareness.states.delete(clientId);
    } else {
      awareness.states.set(clientId, state as Record<string, unknown>);
    }
    awareness.meta.set(clientId, { clock, lastUpdated: timestamp });
    if (meta === undefined && state !== null) {
      added.push(clientId);
    } else if (meta !== undefined && state === null) {
      removed.push(clientId);
    } else if (state !== null) {
      if (!equalityDeep(state, previous)) filteredUpdated.push(clientId);
      updated.push(clientId);
    }
  }
  if (added.length > 0 || filteredUpdated.length > 0 || removed.length > 0) {
    awareness.emit('change', [{ added, updated: filteredUpdated, removed }, origin]);
  }
  if (added.length > 0 || updated.length > 0 || removed.length > 0) {
    awareness.emit('update', [{ added, updated, removed }, origin]);
  }
}
