// The whiteboard in the shared document against the real server (SQLite in a temp dir, or
// TEST_DATABASE_URL): it survives a restart, read-only participants' forged shapes are refused,
// and the shape and stroke quotas refuse what would pass them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { boardShapes } from '@interview-kit/core/collab/board';
import * as Y from 'yjs';
import { closeReasons, connectProvider, destroyClosedProvider, frames, rawSocket, sessionWithCode, until, wsUrl } from '../testing/collab.js';
import { call, createSession, startTestServer, type CreatedSession, type TestServer } from '../testing/harness.js';

/** Puts one shape on `doc`'s board, as the whiteboard does (one Y.Map per shape). */
function draw(doc: Y.Doc, id: string, fields: Record<string, unknown>): void {
  const shape = new Y.Map<unknown>();
  for (const [key, value] of Object.entries({ x: 0, y: 0, w: 10, h: 10, points: [], colour: 'ink', text: '', author: doc.clientID, z: 1, ...fields })) shape.set(key, value);
  doc.getMap('board').set(id, shape);
}

/** The board as the server stored it: the session's timeline replayed. */
async function storedBoard(server: TestServer, session: CreatedSession) {
  const { body } = await call(server.url, 'GET', `/v1/sessions/${session.id}/timeline`, { auth: session.tokenFor('interviewer') });
  const doc = new Y.Doc();
  for (const u of body.updates) Y.applyUpdate(doc, Buffer.from(u.update, 'base64'));
  return boardShapes(doc).map((s) => s.id);
}

describe('the whiteboard at the sync layer', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer({ env: { BOARD_MAX_SHAPES: '3', BOARD_MAX_POINTS: '10' } });
  });
  after(() => server.dispose());

  test('shapes drawn by two participants reach each other and survive a server restart', async () => {
    const s = await createSession(server, sessionWithCode('x = 1\n'));
    const candidate = connectProvider(wsUrl(server), s.id, s.tokenFor('candidate'));
    const interviewer = connectProvider(wsUrl(server), s.id, s.tokenFor('interviewer'));
    await until(() => candidate.provider.isSynced && interviewer.provider.isSynced, 'both synced');
    draw(candidate.doc, 'box', { kind: 'rect', x: 5, y: 5, w: 40, h: 30 });
    draw(interviewer.doc, 'stroke', { kind: 'pen', points: [0, 0, 4, 5, 9, 3] });
    await until(() => boardShapes(candidate.doc).length === 2 && boardShapes(interviewer.doc).length === 2, 'both shapes on both boards');
    candidate.provider.destroy();
    interviewer.provider.destroy();

    server = await server.restart();
    const reader = connectProvider(wsUrl(server), s.id, s.tokenFor('interviewer'));
    try {
      await until(() => reader.provider.isSynced && boardShapes(reader.doc).length === 2, 'the board after the restart');
      assert.deepEqual(
        boardShapes(reader.doc).map((shape) => [shape.id, shape.kind]),
        [
          ['box', 'rect'],
          ['stroke', 'pen'],
        ],
      );
    } finally {
      reader.provider.destroy();
    }
  });

  test('an observer’s forged shape and a candidate’s shape after the end are refused: not relayed, not stored', async () => {
    const s = await createSession(server, sessionWithCode('x = 1\n'));
    const watcher = connectProvider(wsUrl(server), s.id, s.tokenFor('interviewer'));
    await until(() => watcher.provider.isSynced, 'the watcher synced');

    // A forged client: authenticates as the observer and pushes a board update by hand.
    const forged = await rawSocket(`${wsUrl(server)}/v1/collab`);
    forged.send(frames.auth(s.id, s.tokenFor('observer')));
    const evil = new Y.Doc();
    draw(evil, 'graffiti', { kind: 'text', text: 'observer was here' });
    forged.send(frames.update(s.id, Y.encodeStateAsUpdate(evil)));
    // The stock provider as an observer draws too.
    const observer = connectProvider(wsUrl(server), s.id, s.tokenFor('observer'));
    await until(() => observer.provider.isSynced, 'the observer synced');
    draw(observer.doc, 'doodle', { kind: 'ellipse' });

    // A later shape by a candidate arrives, so everything before it was handled.
    const candidate = connectProvider(wsUrl(server), s.id, s.tokenFor('candidate'));
    await until(() => candidate.provider.isSynced, 'the candidate synced');
    draw(candidate.doc, 'honest', { kind: 'rect' });
    await until(() => boardShapes(watcher.doc).length === 1, 'the candidate’s shape');
    assert.deepEqual(
      boardShapes(watcher.doc).map((shape) => shape.id),
      ['honest'],
    );

    assert.equal((await call(server.url, 'POST', `/v1/sessions/${s.id}/end`, { auth: s.tokenFor('interviewer') })).status, 200);
    draw(candidate.doc, 'too-late', { kind: 'arrow', points: [0, 0, 10, 10] });
    // The end's own write into the document reaches the watcher after the late shape would have.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(
      boardShapes(watcher.doc).map((shape) => shape.id),
      ['honest'],
    );
    assert.deepEqual(await storedBoard(server, s), ['honest']);
    forged.close();
    for (const c of [watcher, observer, candidate]) c.provider.destroy();
  });

  test('a shape past BOARD_MAX_SHAPES and a stroke past BOARD_MAX_POINTS are refused with the reason', async () => {
    const s = await createSession(server, sessionWithCode(''));
    const watcher = connectProvider(wsUrl(server), s.id, s.tokenFor('interviewer'));
    const drawer = connectProvider(wsUrl(server), s.id, s.tokenFor('candidate'));
    const reasons = closeReasons(drawer.provider);
    try {
      await until(() => watcher.provider.isSynced && drawer.provider.isSynced, 'both synced');
      draw(drawer.doc, 'long', { kind: 'pen', points: Array.from({ length: 22 }, (_, i) => i) });
      await until(() => reasons.some((r) => r.includes('10 points in one stroke (BOARD_MAX_POINTS)')), 'the stroke refused');
      await destroyClosedProvider(drawer.provider);

      const second = connectProvider(wsUrl(server), s.id, s.tokenFor('candidate'));
      const refusals = closeReasons(second.provider);
      try {
        await until(() => second.provider.isSynced, 'a fresh client');
        for (const id of ['a', 'b', 'c']) draw(second.doc, id, { kind: 'rect' });
        await until(() => boardShapes(watcher.doc).length === 3, 'three shapes');
        draw(second.doc, 'd', { kind: 'note', text: 'one too many' });
        await until(() => refusals.some((r) => r.includes('3 shapes (BOARD_MAX_SHAPES)')), 'the fourth shape refused');
        assert.deepEqual(await storedBoard(server, s), ['a', 'b', 'c']);
        assert.equal(boardShapes(watcher.doc).length, 3);
      } finally {
        await destroyClosedProvider(second.provider);
      }
    } finally {
      watcher.provider.destroy();
    }
  });

  test('the report shows the final board as inline SVG, its text escaped, and no board section when nothing was drawn', async () => {
    const drawn = await createSession(server, sessionWithCode('x = 1\n'));
    const blank = await createSession(server, sessionWithCode('x = 1\n'));
    const candidate = connectProvider(wsUrl(server), drawn.id, drawn.tokenFor('candidate'));
    try {
      await until(() => candidate.provider.isSynced, 'synced');
      draw(candidate.doc, 'box', { kind: 'rect', x: 10, y: 10, w: 120, h: 60, colour: '#2563eb' });
      draw(candidate.doc, 'label', { kind: 'note', x: 200, y: 10, w: 200, h: 120, text: 'queue <script>alert(1)</script>' });
      await until(async () => (await storedBoard(server, drawn)).length === 2, 'both shapes stored');
    } finally {
      candidate.provider.destroy();
    }
    for (const s of [drawn, blank]) assert.equal((await call(server.url, 'POST', `/v1/sessions/${s.id}/end`, { auth: s.tokenFor('interviewer') })).status, 200);

    const report = await call(server.url, 'GET', `/v1/sessions/${drawn.id}/report.html`, { auth: drawn.tokenFor('interviewer') });
    assert.equal(report.status, 200);
    const html: string = report.body;
    const board = /<section id="board"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    assert.match(board, /<h2 id="board-title">Whiteboard<\/h2>/);
    assert.match(board, /<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*aria-label="The whiteboard at the end of the interview"/);
    assert.match(board, /<g data-id="box" data-kind="rect"><rect [^>]*stroke="#2563eb"/);
    assert.ok(board.includes('queue &lt;script&gt;alert(1)&lt;/script&gt;'), 'the note’s text, escaped');
    assert.ok(!html.includes('<script'), 'no script');
    const json = await call(server.url, 'GET', `/v1/sessions/${drawn.id}/report`, { auth: server.apiKey });
    assert.match(json.body.board, /^<svg /);

    const empty = await call(server.url, 'GET', `/v1/sessions/${blank.id}/report.html`, { auth: blank.tokenFor('interviewer') });
    assert.equal(empty.status, 200);
    assert.ok(!empty.body.includes('id="board"'), 'no whiteboard section');
  });
});
