/**
 * Two participants in two separate browser contexts (real Chromium), syncing through the real
 * server and, where WebRTC works, peer-to-peer. Run inside a loopback-only network namespace so
 * that WebRTC finds host candidates: `node scripts/test-server.mjs e2e/collab.test.ts` (as root) or
 * `unshare --net sh -c 'ip link set lo up; node --conditions=interview-kit-source --import tsx --test e2e/collab.test.ts'`.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { spawnReferenceServer } from '../scripts/lib/reference-server.mjs';
import { createSession } from '../server/src/testing/harness.js';
import { sessionWithCode } from '../server/src/testing/collab.js';
import { CHROMIUM, WEBRTC_ARGS, joinFixture, startFixtureServer, until } from './support.js';

describe('collaboration between two browsers', { timeout: 180_000 }, () => {
  let devServer: Awaited<ReturnType<typeof startFixtureServer>>;
  let fixtureUrl: string;
  let origin: string;
  let browser: Browser;
  const dirs: string[] = [];
  const contexts: BrowserContext[] = [];

  before(async () => {
    devServer = await startFixtureServer();
    origin = devServer.origin;
    fixtureUrl = `${origin}/e2e/fixtures/collab.html`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: WEBRTC_ARGS });
  });

  after(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => {})));
    await browser?.close();
    await devServer?.stop();
    dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  async function server(port = 0, dataDir = mkdtempSync(join(tmpdir(), 'ik-e2e-'))) {
    if (!dirs.includes(dataDir)) dirs.push(dataDir);
    const spawned = await spawnReferenceServer({ dataDir, database: 'env', env: { PORT: String(port), CORS_ORIGINS: origin } });
    return { ...spawned, port: Number(new URL(spawned.url).port) };
  }

  /** A participant in a browser context of its own (separate storage, no BroadcastChannel between them). */
  async function participant(url: string, sessionId: string, token: string, peerToPeer = true): Promise<Page> {
    const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
    contexts.push(context);
    return joinFixture(context, fixtureUrl, { server: url, sessionId, token, peerToPeer });
  }

  async function typeAtEnd(page: Page, text: string): Promise<void> {
    await page.evaluate(() => {
      const view = (window as any).editor.view;
      view.focus();
      view.dispatch({ selection: { anchor: view.state.doc.length } });
    });
    await page.keyboard.type(text, { delay: 5 });
  }

  const text = (page: Page) => page.evaluate(() => (window as any).text() as string);

  test('concurrent typing converges over WebRTC (server gone after the mesh formed)', async () => {
    const s = await server();
    const session = await createSession(s, sessionWithCode(''));
    const a = await participant(s.url, session.id, session.tokenFor('candidate'));
    const b = await participant(s.url, session.id, session.tokenFor('interviewer'));
    await until(a, 'window.collab.meshPeers > 0', 'a WebRTC connection');
    await until(b, 'window.collab.meshPeers > 0', 'a WebRTC connection');
    // Without the server, only the mesh can carry the edits.
    await s.kill();
    await Promise.all([typeAtEnd(a, 'alpha '), typeAtEnd(b, 'beta ')]);
    // Every character of both, not only the words: the last keystrokes may still be on their way.
    const both = 'alpha '.length + 'beta '.length;
    await until(a, `window.text().length === ${both}`, 'both edits whole at A');
    await until(b, `window.text().length === ${both}`, 'both edits whole at B');
    assert.equal(await text(a), await text(b));
    await Promise.all([a.context().close(), b.context().close()]);
  });

  test('a peer cannot push a run record, the session’s state or a name over the mesh', async () => {
    const s = await server();
    const session = await createSession(s, sessionWithCode(''));
    const candidate = await participant(s.url, session.id, session.tokenFor('candidate'));
    const interviewer = await participant(s.url, session.id, session.tokenFor('interviewer'));
    await until(candidate, 'window.collab.meshPeers > 0', 'a WebRTC connection');
    await until(interviewer, 'window.collab.meshPeers > 0', 'a WebRTC connection');
    // Without the server, only the mesh can carry anything.
    await s.kill();
    await candidate.evaluate(() => {
      const collab = (window as any).collab;
      // Forged under another client id, so that the candidate's own later edits do not wait for it.
      const own = collab.doc.clientID;
      collab.doc.clientID = own + 1;
      collab.doc.getArray('runs').push([{ id: 'forged', at: new Date().toISOString(), participant: { id: 'ivy', name: 'Ivy Interviewer', role: 'interviewer' } }]);
      collab.doc.getMap('session').set('status', 'ended');
      collab.doc.clientID = own;
      collab.awareness.setLocalStateField('user', { ...collab.localUser, id: 'forged', name: 'Forged Interviewer', role: 'interviewer' });
    });
    await typeAtEnd(candidate, 'after the forgery\n');
    await until(interviewer, 'window.text().includes("after the forgery\\n")', 'the candidate’s edit over the mesh');
    const seen = await interviewer.evaluate(() => {
      const collab = (window as any).collab;
      return {
        runs: collab.doc.getArray('runs').length,
        session: collab.doc.getMap('session').get('status') ?? null,
        names: collab.users.map((user: { name: string }) => user.name),
        refused: collab.meshRefused,
      };
    });
    // The session's state is the server's (live), not the forged "ended".
    assert.deepEqual({ runs: seen.runs, session: seen.session }, { runs: 0, session: 'live' });
    assert.ok(!seen.names.includes('Forged Interviewer'), `no forged name among ${seen.names.join(', ')}`);
    assert.ok(seen.refused > 0, 'the forged update was refused');
    await Promise.all([candidate.context().close(), interviewer.context().close()]);
  });

  test('concurrent typing converges through the server alone (no WebRTC)', async () => {
    const s = await server();
    try {
      const session = await createSession(s, sessionWithCode(''));
      const a = await participant(s.url, session.id, session.tokenFor('candidate'), false);
      const b = await participant(s.url, session.id, session.tokenFor('interviewer'), false);
      await Promise.all([typeAtEnd(a, 'one two three '), typeAtEnd(b, 'four five six ')]);
      // Every keystroke of both at both (the last ones may still be on their way when "three" and
      // "six" are there), then the same text.
      const typed = 'one two three '.length + 'four five six '.length;
      await until(a, `window.text().length === ${typed}`, 'both edits at A');
      await until(b, `window.text().length === ${typed}`, 'both edits at B');
      assert.equal(await text(a), await text(b));
      await Promise.all([a.context().close(), b.context().close()]);
    } finally {
      await s.kill();
    }
  });

  test('server restarted mid-session: content intact, both reconnect and continue', async () => {
    const s = await server();
    const session = await createSession(s, sessionWithCode('start\n'));
    const a = await participant(s.url, session.id, session.tokenFor('candidate'), false);
    const b = await participant(s.url, session.id, session.tokenFor('interviewer'), false);
    await typeAtEnd(a, 'before restart\n');
    await until(b, 'window.text().includes("before restart")', 'the edit at B');
    await until(a, 'window.collab.status === "synced"', 'acknowledged');
    await s.kill();
    await until(a, 'window.collab.status === "offline"', 'A notices');
    const again = await server(s.port, s.dataDir);
    try {
      await until(a, 'window.collab.status === "synced"', 'A reconnects');
      await until(b, 'window.collab.status === "synced"', 'B reconnects');
      await typeAtEnd(b, 'after restart\n');
      await until(a, 'window.text().includes("after restart")', 'the new edit at A');
      assert.equal(await text(a), 'start\nbefore restart\nafter restart\n');
      assert.equal(await text(b), await text(a));
      await Promise.all([a.context().close(), b.context().close()]);
    } finally {
      await again.kill();
    }
  });

  test('everyone leaves, one rejoins: the content comes back from the server', async () => {
    const s = await server();
    try {
      const session = await createSession(s, sessionWithCode(''));
      const a = await participant(s.url, session.id, session.tokenFor('candidate'));
      const b = await participant(s.url, session.id, session.tokenFor('interviewer'));
      await typeAtEnd(a, 'remember me');
      await until(b, 'window.text() === "remember me"', 'the edit at B');
      await until(a, 'window.collab.status === "synced"', 'acknowledged');
      await Promise.all([a.context().close(), b.context().close()]);
      const c = await participant(s.url, session.id, session.tokenFor('candidate'));
      assert.equal(await text(c), 'remember me');
      await c.context().close();
    } finally {
      await s.kill();
    }
  });

  test('a client offline for a while edits, reconnects, and both sides’ edits survive', async () => {
    const s = await server();
    try {
      const session = await createSession(s, sessionWithCode('base\n'));
      const a = await participant(s.url, session.id, session.tokenFor('candidate'), false);
      const b = await participant(s.url, session.id, session.tokenFor('interviewer'), false);
      await a.evaluate(() => (window as any).collab.disconnect());
      await until(a, 'window.collab.status === "offline"', 'A offline');
      await typeAtEnd(a, 'offline edit\n');
      await typeAtEnd(b, 'online edit\n');
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.ok(!(await text(b)).includes('offline edit'), 'the offline edit has not travelled yet');
      await a.evaluate(() => (window as any).collab.reconnect());
      for (const page of [a, b]) {
        // Whole lines, so that no keystroke of either edit is still in flight when the texts are compared.
        await until(page, 'window.text().includes("offline edit\\n") && window.text().includes("online edit\\n")', 'both edits');
      }
      assert.equal(await text(a), await text(b));
      await Promise.all([a.context().close(), b.context().close()]);
    } finally {
      await s.kill();
    }
  });

  test('an observer cannot change the text through the editor', async () => {
    const s = await server();
    try {
      const session = await createSession(s, sessionWithCode('read me\n'));
      const observer = await participant(s.url, session.id, session.tokenFor('observer'));
      const candidate = await participant(s.url, session.id, session.tokenFor('candidate'));
      assert.equal(await observer.evaluate(() => (window as any).collab.meshPeers), 0, 'observers do not join the mesh');
      await typeAtEnd(observer, 'vandalism');
      await typeAtEnd(candidate, 'ok\n');
      await until(observer, 'window.text().includes("ok")', 'the candidate’s edit');
      assert.equal(await text(observer), 'read me\nok\n');
      assert.equal(await text(candidate), 'read me\nok\n');
      await Promise.all([observer.context().close(), candidate.context().close()]);
    } finally {
      await s.kill();
    }
  });
});
