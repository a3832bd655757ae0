import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { applyAwarenessStates, type AwarenessState } from './awareness-states.js';

/** A server-side awareness, and every `change` and `update` event it emits. */
function observed() {
  const awareness = new Awareness(new Y.Doc());
  awareness.setLocalState(null);
  const events: unknown[] = [];
  awareness.on('change', (change: unknown, origin: unknown) => events.push(['change', change, origin]));
  awareness.on('update', (update: unknown, origin: unknown) => events.push(['update', update, origin]));
  return { awareness, events };
}

/** Every remote client's clock (each awareness has its own random client id). */
const clocks = (awareness: Awareness) => [...awareness.meta].filter(([id]) => id !== awareness.clientID).map(([id, { clock }]) => [id, clock]);

/** The states as y-protocols encodes them for a client at `clock`. */
function encoded(entries: AwarenessState[]): Uint8Array {
  const source = new Awareness(new Y.Doc());
  for (const { clientId, clock, state } of entries) {
    source.states.set(clientId, state as Record<string, unknown>);
    if (state === null) source.states.delete(clientId);
    source.meta.set(clientId, { clock, lastUpdated: 0 });
  }
  return encodeAwarenessUpdate(source, entries.map((e) => e.clientId));
}

test('parsed states apply as y-protocols applies the encoded message: joins, moves, stale and repeated states, leaves', () => {
  const steps: AwarenessState[][] = [
    [{ clientId: 7, clock: 1, state: { user: { id: 'cam' }, cursor: 1 } }],
    [{ clientId: 7, clock: 2, state: { user: { id: 'cam' }, cursor: 2 } }],
    [{ clientId: 7, clock: 2, state: { user: { id: 'cam' }, cursor: 9 } }],
    [{ clientId: 7, clock: 3, state: { user: { id: 'cam' }, cursor: 2 } }],
    [
      { clientId: 8, clock: 1, state: { user: { id: 'ivy' } } },
      { clientId: 7, clock: 4, state: null },
    ],
    [{ clientId: 8, clock: 1, state: null }],
  ];
  const parsed = observed();
  const decoded = observed();
  for (const step of steps) {
    applyAwarenessStates(parsed.awareness, step, 'socket');
    applyAwarenessUpdate(decoded.awareness, encoded(step), 'socket');
    assert.deepEqual([...parsed.awareness.getStates()], [...decoded.awareness.getStates()]);
    assert.deepEqual(clocks(parsed.awareness), clocks(decoded.awareness));
  }
  assert.deepEqual(parsed.events, decoded.events);
  assert.ok(parsed.events.length >= 8, 'the steps changed something');
});

test("a remote leave of the awareness' own local state keeps it, one clock later, as y-protocols does", () => {
  const parsed = observed();
  const decoded = observed();
  for (const { awareness } of [parsed, decoded]) awareness.setLocalState({ server: true });
  const own = parsed.awareness.clientID;
  decoded.awareness.clientID = own;
  decoded.awareness.meta.set(own, parsed.awareness.meta.get(own)!);
  decoded.awareness.states.set(own, { server: true });
  const leave = [{ clientId: own, clock: parsed.awareness.meta.get(own)!.clock + 1, state: null }];
  applyAwarenessStates(parsed.awareness, leave, 'socket');
  applyAwarenessUpdate(decoded.awareness, encoded(leave), 'socket');
  assert.deepEqual(parsed.awareness.getLocalState(), { server: true });
  assert.equal(parsed.awareness.meta.get(own)!.clock, decoded.awareness.meta.get(own)!.clock);
});
