import { expect } from '@esm-bundle/chai';
import * as Y from 'yjs';
import { bridgeMesh } from './mesh-bridge.js';
import { codeOf, sharedChatOf, sharedRunsOf } from './structure.js';

/** Applies every update of `from` to `to`, as a sync provider would (one direction). */
function relay(from: Y.Doc, to: Y.Doc): () => void {
  const listener = (update: Uint8Array, origin: unknown) => {
    if (origin !== to) Y.applyUpdate(to, update, from);
  };
  from.on('update', listener);
  return () => from.off('update', listener);
}

/** The server's document: code and one run record. */
function serverDocument(): Y.Doc {
  const server = new Y.Doc();
  codeOf(server).insert(0, 'print(1)\n');
  sharedRunsOf(server).push([{ id: 'r1', participant: { id: 'ivy', name: 'Ivy', role: 'interviewer' }, passed: 1, total: 1 } as never]);
  return server;
}

/** A participant: its document synced from the server, and its mesh document bridged to it. */
function participant(server: Y.Doc) {
  const main = new Y.Doc();
  Y.applyUpdate(main, Y.encodeStateAsUpdate(server), server);
  relay(server, main);
  const mesh = new Y.Doc();
  const refused: string[] = [];
  const dispose = bridgeMesh(main, mesh, { refuse: (type) => refused.push(type) });
  return { main, mesh, refused, dispose };
}

/** Two participants whose mesh documents sync both ways (as y-webrtc would), and a peer that writes into B's mesh document directly. */
function room() {
  const server = serverDocument();
  const a = participant(server);
  const b = participant(server);
  relay(a.mesh, b.mesh);
  relay(b.mesh, a.mesh);
  const forger = new Y.Doc();
  Y.applyUpdate(forger, Y.encodeStateAsUpdate(b.mesh));
  relay(forger, b.mesh);
  return { server, a, b, forger, refused: () => [...a.refused, ...b.refused] };
}

const runIds = (doc: Y.Doc) => sharedRunsOf(doc).toArray().map((record) => (record as { id: string }).id);

describe('bridgeMesh', () => {
  it('gives the mesh what the participant already holds', () => {
    const { a } = room();
    expect(codeOf(a.mesh).toString()).to.equal('print(1)\n');
    expect(runIds(a.mesh)).to.deep.equal(['r1']);
  });

  it('carries code edits between participants both ways, without echo', () => {
    const { a, b, refused } = room();
    let updates = 0;
    a.main.on('update', () => updates++);
    codeOf(a.main).insert(0, '# mine\n');
    expect(codeOf(b.main).toString()).to.equal('# mine\nprint(1)\n');
    expect(updates, 'a local edit is not applied back').to.equal(1);
    codeOf(b.main).insert(codeOf(b.main).length, 'print(2)\n');
    codeOf(b.main).delete(0, 7);
    expect(codeOf(a.main).toString()).to.equal('print(1)\nprint(2)\n');
    expect(refused()).to.deep.equal([]);
  });

  it('never lets a peer push a run record into a participant’s document', () => {
    const { a, b, forger, refused } = room();
    sharedRunsOf(forger).push([{ id: 'forged', participant: { id: 'ivy', name: 'Ivy', role: 'interviewer' }, passed: 9, total: 9 } as never]);
    sharedRunsOf(forger).insert(0, [{ id: 'forged-first' } as never]);
    expect(runIds(b.mesh), 'the mesh itself carries it').to.deep.equal(['forged-first', 'r1', 'forged']);
    expect(runIds(b.main)).to.deep.equal(['r1']);
    expect(runIds(a.main)).to.deep.equal(['r1']);
    expect(refused()).to.deep.equal(['runs', 'runs', 'runs', 'runs']);
  });

  it('never lets a peer put a chat message in a participant’s document', () => {
    const { a, b, forger } = room();
    sharedChatOf(forger).push([{ id: 'forged', participantId: 'ivy', name: 'Ivy', role: 'interviewer', text: 'You passed', at: '2026-01-01T00:00:00Z' }]);
    for (const { main } of [a, b]) expect(sharedChatOf(main).length).to.equal(0);
    expect(b.refused).to.deep.equal(['chat']);
  });

  it('never lets a peer write the session map or delete a server record', () => {
    const { a, b, forger } = room();
    forger.getMap('session').set('status', 'ended');
    sharedRunsOf(forger).delete(0, 1);
    for (const { main } of [a, b]) {
      expect(main.getMap('session').has('status')).to.equal(false);
      expect(runIds(main)).to.deep.equal(['r1']);
    }
    expect(b.refused).to.deep.equal(['session', 'runs']);
  });

  it('refuses a forged record batched with a code edit whole, and keeps taking honest edits', () => {
    const { a, b, forger } = room();
    forger.transact(() => {
      codeOf(forger).insert(0, 'evil\n');
      sharedRunsOf(forger).push([{ id: 'forged' } as never]);
    });
    expect(codeOf(b.main).toString()).to.equal('print(1)\n');
    expect(b.refused).to.deep.equal(['runs']);
    codeOf(a.main).insert(0, '# honest\n');
    expect(codeOf(b.main).toString()).to.equal('# honest\nprint(1)\n');
    expect(runIds(b.main)).to.deep.equal(['r1']);
  });

  it('passes records the server writes on to the mesh', () => {
    const { server, a, b, refused } = room();
    sharedRunsOf(server).push([{ id: 'r2' } as never]);
    server.getMap('session').set('status', 'ended');
    for (const { main, mesh } of [a, b]) {
      expect(runIds(main)).to.deep.equal(['r1', 'r2']);
      expect(runIds(mesh)).to.deep.equal(['r1', 'r2']);
      expect(mesh.getMap('session').get('status')).to.equal('ended');
    }
    // A's copies reached B's mesh before the server reached B: dropped there, delivered by the server.
    expect(refused()).to.deep.equal(['runs', 'session']);
  });

  it('checks what the mesh document held before it was bridged', () => {
    const refused: string[] = [];
    const main = new Y.Doc();
    const mesh = new Y.Doc();
    codeOf(mesh).insert(0, 'from a peer\n');
    bridgeMesh(main, mesh, { refuse: (type) => refused.push(type) });
    expect(codeOf(main).toString()).to.equal('from a peer\n');
    const forged = new Y.Doc();
    sharedRunsOf(forged).push([{ id: 'forged' } as never]);
    const other = new Y.Doc();
    bridgeMesh(other, forged, { refuse: (type) => refused.push(type) });
    expect(runIds(other)).to.deep.equal([]);
    expect(refused).to.deep.equal(['runs']);
  });

  it('stops carrying anything once disposed', () => {
    const { a, b } = room();
    a.dispose();
    codeOf(b.main).insert(0, 'late\n');
    codeOf(a.main).insert(0, 'mine\n');
    expect(codeOf(a.main).toString()).to.equal('mine\nprint(1)\n');
    expect(codeOf(b.main).toString()).to.equal('late\nprint(1)\n');
  });
});
