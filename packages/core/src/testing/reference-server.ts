// Test helpers for browser tests that need the real reference server. The test runner starts it
// on first request (see web-test-runner.config.mjs) and stops it when the run ends.
import { executeServerCommand } from '@web/test-runner-commands';
import type { CreateSessionRequest, CreateSessionResponse, IssuedToken, Role } from '../protocol.js';

/** A running reference server: its base URL, a tenant API key, and the LiveKit URL it hands out. */
export interface ReferenceServer {
  url: string;
  apiKey: string;
  /** `null` for a server without LiveKit configured. */
  liveKitUrl: string | null;
}

const servers = new Map<boolean, Promise<ReferenceServer>>();

/**
 * The reference server for this test run. `liveKit: false` gives one without LiveKit configured,
 * whose video endpoint answers 503.
 */
export function referenceServer(options: { liveKit?: boolean } = {}): Promise<ReferenceServer> {
  const liveKit = options.liveKit ?? true;
  let server = servers.get(liveKit);
  if (!server) {
    server = executeServerCommand<ReferenceServer, { liveKit: boolean }>('interview-kit-reference-server', { liveKit });
    servers.set(liveKit, server);
  }
  return server;
}

/** A session with one visible and one hidden test, an interviewer, a candidate and an observer. */
export function sampleSession(overrides: Partial<CreateSessionRequest> = {}): CreateSessionRequest {
  return {
    title: 'Pair programming: sum two numbers',
    question: {
      prompt: 'Read two integers from stdin and print their **sum**.',
      language: 'python',
      starterCode: 'a, b = map(int, input().split())\nprint(a + b)\n',
      tests: [
        { stdin: '1 2\n', expected: '3\n', hidden: false },
        { stdin: '40 2\n', expected: '42\n', hidden: true },
      ],
    },
    participants: [
      { id: 'ivy', name: 'Ivy Interviewer', role: 'interviewer' },
      { id: 'cam', name: 'Cam Candidate', role: 'candidate' },
      { id: 'otto', name: 'Otto Observer', role: 'observer' },
    ],
    durationMinutes: 45,
    ...overrides,
  };
}

/** What a host backend would call: `fetch` with the API key, not the SDK's own client. */
async function hostRequest<T>(server: ReferenceServer, method: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(new URL(path, server.url), {
    method,
    headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** A created session plus a way to find each participant's token by role. */
export interface TestSession extends CreateSessionResponse {
  tokenFor(role: Role): string;
}

/** Creates a session as a host backend would, with {@link sampleSession} unless told otherwise. */
export async function createTestSession(
  server: ReferenceServer,
  request: CreateSessionRequest = sampleSession(),
): Promise<TestSession> {
  const created = await hostRequest<CreateSessionResponse>(server, 'POST', '/v1/sessions', request);
  return {
    ...created,
    tokenFor(role) {
      const issued = created.participants.find((participant) => participant.role === role);
      if (!issued) throw new Error(`The test session has no ${role}.`);
      return issued.token;
    },
  };
}

/** Mints a fresh token for a participant, as a host backend's token endpoint would. */
export function issueToken(server: ReferenceServer, sessionId: string, participantId: string): Promise<IssuedToken> {
  return hostRequest<IssuedToken>(server, 'POST', `/v1/sessions/${encodeURIComponent(sessionId)}/tokens`, {
    participantId,
  });
}
