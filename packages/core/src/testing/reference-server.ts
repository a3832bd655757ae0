// Test helpers for browser tests that need the real reference server. The test runner starts it
// on first request (see web-test-runner.config.mjs) and stops it when the run ends. Sessions on
// it are made with the shared sample-session helpers, re-exported here.
import { executeServerCommand } from '@web/test-runner-commands';
import { CollabSession } from '../collab/collab-session.js';
import type { Role } from '../protocol.js';
import { InterviewSession } from '../session.js';
import type { CreatedSession } from './sessions.js';

export { changeSession, createSession, issueToken, sampleSession, type CreatedSession } from './sessions.js';

/** A running reference server: its base URL, a tenant API key, and the LiveKit URL it hands out. */
export interface ReferenceServer {
  url: string;
  apiKey: string;
  /** `null` for a server without LiveKit configured. */
  liveKitUrl: string | null;
}

const servers = new Map<string, Promise<ReferenceServer>>();

/**
 * The reference server for this test run. `liveKit: false` gives one without LiveKit configured,
 * whose video endpoint answers 503; `models: true` one that transcribes recordings and drafts the
 * assistant's review through a local stand-in of the model endpoints (scripts/lib/model-stand-ins.mjs).
 */
export function referenceServer(options: { liveKit?: boolean; models?: boolean } = {}): Promise<ReferenceServer> {
  const liveKit = options.liveKit ?? true;
  const models = options.models ?? false;
  const key = `${liveKit}:${models}`;
  let server = servers.get(key);
  if (!server) {
    server = executeServerCommand<ReferenceServer, { liveKit: boolean; models: boolean }>('interview-kit-reference-server', { liveKit, models });
    servers.set(key, server);
  }
  return server;
}

/**
 * A participant's loaded session and its collaboration, synced with the server, without
 * peer-to-peer (one page holds no two mesh peers). Their disposal is pushed onto `cleanups`.
 */
export async function syncedParticipant(
  server: ReferenceServer,
  created: CreatedSession,
  role: Role,
  cleanups: (() => void)[],
): Promise<{ session: InterviewSession; collab: CollabSession }> {
  const session = new InterviewSession({ server: server.url, sessionId: created.id, tokenProvider: created.tokenFor(role) });
  await session.load();
  const collab = new CollabSession(session, { peerToPeer: false });
  cleanups.push(() => {
    collab.destroy();
    session.dispose();
  });
  await collab.whenSynced();
  return { session, collab };
}
