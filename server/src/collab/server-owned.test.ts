import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as Y from 'yjs';
import { SERVER_OWNED } from './documents.js';
import { serverOwnedTypeTouched } from '@interview-kit/core/collab/owned';

const owned = new Set(SERVER_OWNED);

/** The server's document with code and two run records, and a client holding a copy of it. */
function documents() {
  const server = new Y.Doc();
  server.getText('code').insert(0, 'print(1)\n');
  server.getArray('runs').push([{ id: 'r1' }, { id: 'r2' }]);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

/** The update `change` makes on `client`. */
function updateOf(client: Y.Doc, change: () => void): Uint8Array {
  let update: Uint8Array | undefined;
  const listener = (u: Uint8Array) => (update = u);
  client.on('update', listener);
  client.transact(change);
  client.off('update', listener);
  return update!;
}

const touched = (server: Y.Doc, update: Uint8Array) => serverOwnedTypeTouched(server, Y.decodeUpdate(update), owned);

describe('server-owned types in client updates', () => {
  test('editing the code, or adding a type of its own, touches nothing the server owns', () => {
    const { server, client } = documents();
    assert.equal(touched(server, updateOf(client, () => client.getText('code').insert(5, 'x'))), undefined);
    assert.equal(touched(server, updateOf(client, () => client.getText('code').delete(0, 3))), undefined);
    assert.equal(touched(server, updateOf(client, () => client.getMap('meta').set('language', 'go'))), undefined);
    assert.equal(touched(server, updateOf(client, () => client.getArray('scratch').push(['hi']))), undefined);
  });

  test('a record pushed after existing ones (named only through its neighbour) is found', () => {
    const { server, client } = documents();
    const update = updateOf(client, () => client.getArray('runs').push([{ id: 'forged' }]));
    // The item names no parent: Yjs finds it through the record before it.
    assert.equal(Y.decodeUpdate(update).structs.some((s) => s instanceof Y.Item && typeof s.parent === 'string'), false);
    assert.equal(touched(server, update), 'runs');
  });

  test('a record inserted first, into an empty array, or into the session map is found', () => {
    const { server, client } = documents();
    assert.equal(touched(server, updateOf(client, () => client.getArray('runs').insert(0, [{ id: 'first' }]))), 'runs');
    const fresh = new Y.Doc();
    assert.equal(touched(new Y.Doc(), updateOf(fresh, () => fresh.getArray('runs').push([{ id: 'x' }]))), 'runs');
    assert.equal(touched(server, updateOf(client, () => client.getMap('session').set('status', 'ended'))), 'session');
  });

  test('content nested in a record, made in the same update or later, is found', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const nested = updateOf(client, () => {
      const map = new Y.Map();
      client.getArray('runs').push([map]);
      map.set('verdict', 'ok');
    });
    assert.equal(touched(server, nested), 'runs');
    // The server somehow holds a nested type in runs; a client writes into it.
    Y.applyUpdate(server, nested);
    const inner = updateOf(client, () => (client.getArray('runs').get(0) as Y.Map<string>).set('verdict', 'forged'));
    assert.equal(touched(server, inner), 'runs');
  });

  test('a long chain of items, each placed by the one before, is followed without deep recursion', () => {
    const { server, client } = documents();
    client.clientID = 1;
    const later = new Y.Doc();
    later.clientID = 2;
    // Inserted at the front one by one: each item is found only through its right neighbour.
    const chain = updateOf(client, () => {
      for (let i = 0; i < 20_000; i++) client.getArray('runs').insert(0, [i]);
    });
    Y.applyUpdate(later, Y.encodeStateAsUpdate(client));
    const last = updateOf(later, () => later.getArray('runs').insert(0, ['last']));
    // Client 2's item is looked at first and leads through all 20 000 of client 1's.
    const update = Y.mergeUpdates([chain, last]);
    assert.equal(Y.decodeUpdate(update).structs[0]!.id.client, 2);
    assert.equal(touched(server, update), 'runs');
  });

  test('deleting a record is found; deletions the server already has are not', () => {
    const { server, client } = documents();
    const deletion = updateOf(client, () => client.getArray('runs').delete(0, 1));
    assert.equal(touched(server, deletion), 'runs');
    // The server dropped that record itself; a client coming back sends the same deletion again.
    const dropped = updateOf(server, () => server.getArray('runs').delete(0, 1));
    Y.applyUpdate(client, dropped);
    const reconnect = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    assert.equal(touched(server, reconnect), undefined);
  });

  test('content the server does not have yet stays pending and is let through', () => {
    const { server, client } = documents();
    const first = updateOf(client, () => client.getText('code').insert(0, 'a'));
    const second = updateOf(client, () => client.getText('code').insert(1, 'b'));
    // `second` depends on `first`, which has not arrived.
    assert.equal(touched(server, second), undefined);
    Y.applyUpdate(server, first);
    Y.applyUpdate(server, second);
    assert.equal(server.getText('code').toString(), 'abprint(1)\n');
  });
});
