import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { SyncContext } from './extensions/authentication.js';
import { changesNothing, PresenceRules, type PresenceVerdict } from './presence.js';
import { readAwarenessUpdate, type AwarenessEntry } from './sync-frames.js';

const cam: SyncContext = { sessionId: 's', participantId: 'cam', role: 'candidate', name: 'Cam Candidate', position: 1 };
const camUser = { id: 'cam', name: 'Cam Candidate', role: 'candidate', color: '#c2410c', colorLight: '#c2410c33' };

/** The entries of an awareness message of `clientId` publishing `state`, as the stock provider sends it. */
function message(clientId: number, state: Record<string, unknown>): AwarenessEntry[] {
  const awareness = new Awareness(new Y.Doc());
  awareness.clientID = clientId;
  awareness.setLocalState(state);
  try {
    return readAwarenessUpdate(encodeAwarenessUpdate(awareness, [clientId]));
  } finally {
    // Its timer would keep the process alive.
    awareness.destroy();
  }
}

/** An awareness message whose state is the given raw text. */
function raw(clientId: number, text: string): AwarenessEntry[] {
  const json = new TextEncoder().encode(text);
  return [{ clientId, clock: 1, json, bytes: json.byteLength }];
}

const userIn = (verdict: PresenceVerdict) => {
  assert.equal(verdict.kind, 'replace');
  const [entry] = (verdict as { states: { state: unknown }[] }).states;
  return (entry!.state as { user: unknown }).user;
};

describe('presence rules', () => {
  test('a cursor moving under the stamped user passes unchanged, message after message', () => {
    const rules = new PresenceRules(4096);
    const document = {};
    const connection = {};
    for (let i = 0; i < 5; i++) {
      assert.equal(rules.review(document, connection, cam, message(11, { user: camUser, cursor: { at: i } })).kind, 'pass');
    }
  });

  test('after states that passed, a claim of another name or role is still replaced by the server’s', () => {
    const rules = new PresenceRules(4096);
    const document = {};
    const connection = {};
    assert.equal(rules.review(document, connection, cam, message(11, { user: camUser })).kind, 'pass');
    const forged = { ...camUser, name: 'Ivy Interviewer', role: 'interviewer' };
    assert.deepEqual(userIn(rules.review(document, connection, cam, message(11, { user: forged, cursor: 1 }))), camUser);
    assert.deepEqual(userIn(rules.review(document, connection, cam, message(11, { user: { ...camUser, extra: 1 } }))), camUser);
    assert.equal(rules.review(document, connection, cam, message(11, { user: camUser, cursor: 2 })).kind, 'pass');
  });

  test('echoes of other clients’ states are dropped unread; the connection’s own state must be JSON', () => {
    const rules = new PresenceRules(4096);
    const document = {};
    const connection = {};
    assert.equal(rules.review(document, connection, cam, message(11, { user: camUser })).kind, 'pass');
    assert.deepEqual(rules.review(document, connection, cam, raw(12, '{"user": not json')), { kind: 'drop' });
    assert.deepEqual(rules.review(document, connection, cam, raw(11, '{"user": not json')), { kind: 'refuse', reason: 'an awareness state must be JSON' });
    assert.deepEqual(rules.review(document, connection, cam, raw(11, '[1]')), { kind: 'refuse', reason: 'an awareness state must be an object' });
  });

  test('an awareness message changes nothing when no entry is newer than the document’s state: the stock provider’s echoes', () => {
    const document = new Awareness(new Y.Doc());
    const publisher = new Awareness(new Y.Doc());
    try {
      publisher.setLocalState({ user: camUser, cursor: 1 });
      const first = readAwarenessUpdate(encodeAwarenessUpdate(publisher, [publisher.clientID]));
      assert.equal(changesNothing(document, first), false, 'a client the document has not seen');
      applyAwarenessUpdate(document, encodeAwarenessUpdate(publisher, [publisher.clientID]), 'socket');
      assert.equal(changesNothing(document, first), true, 'the same state again: an echo');
      publisher.setLocalStateField('cursor', 2);
      const moved = readAwarenessUpdate(encodeAwarenessUpdate(publisher, [publisher.clientID]));
      assert.equal(changesNothing(document, moved), false, 'a newer state');
      assert.equal(changesNothing(document, [...first, ...moved]), false, 'an echo together with a newer state');
      const clock = document.meta.get(publisher.clientID)!.clock;
      assert.equal(changesNothing(document, raw(publisher.clientID, 'null').map((entry) => ({ ...entry, clock }))), false, 'a leave at the same clock');
    } finally {
      document.destroy();
      publisher.destroy();
    }
  });

  test('colours come from the participant’s position in the session, whatever the client claims: eight apart, then again', () => {
    const rules = new PresenceRules(4096);
    const stamped = (position: number, claim: Record<string, unknown>) =>
      userIn(rules.review({}, {}, { ...cam, participantId: `p${position}`, position }, message(11, { user: claim }))) as { color: string; colorLight: string };
    const colours = Array.from({ length: 9 }, (_, position) => stamped(position, { color: '#000000', colorLight: '#00000033' }));
    assert.equal(new Set(colours.slice(0, 8).map((user) => user.color)).size, 8, 'eight people, eight colours');
    assert.equal(colours[8]!.color, colours[0]!.color, 'the ninth shares the first one’s colour');
    for (const user of colours) {
      assert.match(user.color, /^#[0-9a-f]{6}$/);
      assert.equal(user.colorLight, `${user.color}33`);
    }
    assert.notEqual(colours[1]!.color, '#000000', 'the claimed colour is not kept');
    const injected = stamped(1, { color: 'red; background: url(https://evil.example/)', colorLight: 'x' });
    assert.deepEqual(injected, colours[1]);
  });
});
