import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TokenVerifier } from 'livekit-server-sdk';
import { call, createSession, problemOf, startTestServer, type TestServer } from '../testing/harness.js';

const LIVEKIT = { LIVEKIT_URL: 'wss://livekit.example.test', LIVEKIT_API_KEY: 'APIkey123', LIVEKIT_API_SECRET: 'a-livekit-secret-that-is-long-enough-0123' };

describe('LiveKit tokens (decoded with livekit-server-sdk TokenVerifier; no LiveKit server runs here)', () => {
  let server: TestServer;
  let session: Awaited<ReturnType<typeof createSession>>;
  before(async () => {
    server = await startTestServer({ database: 'sqlite', env: LIVEKIT });
    session = await createSession(server);
  });
  after(() => server.dispose());

  const verifier = new TokenVerifier(LIVEKIT.LIVEKIT_API_KEY, LIVEKIT.LIVEKIT_API_SECRET);
  const mint = async (participant: string) => {
    const res = await call(server.url, 'POST', `/v1/sessions/${session.id}/livekit-token`, { auth: session.tokens[participant] });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.url, LIVEKIT.LIVEKIT_URL);
    return verifier.verify(res.body.token);
  };

  for (const participant of ['ivy', 'cam']) {
    test(`${participant === 'ivy' ? 'an interviewer' : 'a candidate'} may publish camera, microphone and screen share in this room only`, async () => {
      const grants = await mint(participant);
      assert.equal(grants.sub, participant);
      const video = grants.video!;
      assert.equal(video.room, session.id);
      assert.equal(video.roomJoin, true);
      assert.equal(video.canPublish, true);
      assert.equal(video.canSubscribe, true);
      assert.deepEqual(
        [...(video.canPublishSources ?? [])].sort(),
        ['camera', 'microphone', 'screen_share', 'screen_share_audio'].sort(),
      );
      for (const power of ['roomAdmin', 'roomCreate', 'roomList', 'roomRecord'] as const) assert.notEqual(video[power], true, power);
    });
  }

  test('an observer only subscribes', async () => {
    const video = (await mint('oli')).video!;
    assert.equal(video.canPublish, false);
    assert.equal(video.canPublishData, false);
    assert.deepEqual(video.canPublishSources ?? [], []);
    assert.equal(video.canSubscribe, true);
    assert.notEqual(video.roomAdmin, true);
  });

  test('the session view tells clients that video goes through LiveKit', async () => {
    const view = await call(server.url, 'GET', `/v1/sessions/${session.id}`, { auth: session.tokens.cam });
    assert.equal(view.body.video, 'livekit');
  });

  test('tokens live at most 15 minutes', async () => {
    const grants = await mint('cam');
    const ttl = grants.exp! - Math.floor(Date.now() / 1000);
    assert.ok(ttl > 0 && ttl <= 15 * 60, `ttl ${ttl}s`);
  });

  test('an API key cannot mint a LiveKit token; a token of another session cannot either', async () => {
    const byHost = await call(server.url, 'POST', `/v1/sessions/${session.id}/livekit-token`, { auth: server.apiKey });
    assert.equal(byHost.status, 401);
    const other = await createSession(server);
    const crossed = await call(server.url, 'POST', `/v1/sessions/${session.id}/livekit-token`, { auth: other.tokens.ivy });
    assert.equal(crossed.status, 401);
  });
});

describe('LiveKit not configured', () => {
  test('503 problem that says what to set', async () => {
    const server = await startTestServer({ database: 'sqlite' });
    try {
      const session = await createSession(server);
      const res = await call(server.url, 'POST', `/v1/sessions/${session.id}/livekit-token`, { auth: session.tokens.cam });
      assert.match(problemOf(res, 503).detail, /LIVEKIT_URL/);
    } finally {
      await server.dispose();
    }
  });
});
