// The sample interview every test starts from, and creating it over HTTP as a host backend does.
// Framework-free (fetch only): browser tests, server tests, end-to-end tests and the example
// portal's tests share it through `@interview-kit/core/testing`.
import type { CreateSessionRequest, CreateSessionResponse, IssuedToken, Question, Role } from '../protocol.js';

/** What to change in {@link sampleSession}; `question` is merged over the sample question. */
export type SampleSessionOverrides = Partial<Omit<CreateSessionRequest, 'question'>> & { question?: Partial<Question> };

/**
 * A typical interview: sum two numbers in Python (the starter code solves it), one visible and
 * one hidden test; Ivy interviews (`ivy`), Cam is the candidate (`cam`), Oli observes (`oli`).
 */
export function sampleSession(overrides: SampleSessionOverrides = {}): CreateSessionRequest {
  const { question, ...rest } = overrides;
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
      ...question,
    },
    participants: [
      { id: 'ivy', name: 'Ivy Interviewer', role: 'interviewer' },
      { id: 'cam', name: 'Cam Candidate', role: 'candidate' },
      { id: 'oli', name: 'Oli Observer', role: 'observer' },
    ],
    durationMinutes: 45,
    ...rest,
  };
}

/** Where a host backend reaches the reference server, and its API key. */
export interface HostCredentials {
  url: string;
  apiKey: string;
}

/** A created session with each participant's token. */
export interface CreatedSession extends CreateSessionResponse {
  /** Each participant's token by participant id (`tokens.ivy`). */
  tokens: Record<string, string>;
  /** The token of the first participant with `role`. */
  tokenFor(role: Role): string;
}

/** A request with the host's API key, as a host backend makes it (plain fetch, not the SDK's client). */
async function hostRequest<T>(server: HostCredentials, path: string, body: unknown, expected: number): Promise<T> {
  const response = await fetch(new URL(path, server.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== expected) throw new Error(`POST ${path} → ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Creates a session (`POST /v1/sessions`) with {@link sampleSession} unless told otherwise, and
 * starts it (`POST /v1/sessions/:id/start`): most tests are about a live interview. Pass
 * `{ start: false }` to keep it scheduled.
 */
export async function createSession(
  server: HostCredentials,
  request: CreateSessionRequest = sampleSession(),
  { start = true }: { start?: boolean } = {},
): Promise<CreatedSession> {
  const created = await hostRequest<CreateSessionResponse>(server, '/v1/sessions', request, 201);
  if (start) await startSession(server, created.id);
  return {
    ...created,
    tokens: Object.fromEntries(created.participants.map((participant) => [participant.id, participant.token])),
    tokenFor(role) {
      const issued = created.participants.find((participant) => participant.role === role);
      if (!issued) throw new Error(`The session has no ${role}.`);
      return issued.token;
    },
  };
}

/** Changes a session's state as the host: `POST /v1/sessions/:id/start`, `/end` or `/cancel`. */
export async function changeSession(server: HostCredentials, sessionId: string, change: 'start' | 'end' | 'cancel'): Promise<void> {
  await hostRequest<unknown>(server, `/v1/sessions/${encodeURIComponent(sessionId)}/${change}`, {}, 200);
}

/** Starts a scheduled session as the host (`POST /v1/sessions/:id/start`). */
export function startSession(server: HostCredentials, sessionId: string): Promise<void> {
  return changeSession(server, sessionId, 'start');
}

/** Mints a fresh token for a participant, as a host backend's token endpoint would. */
export function issueToken(server: HostCredentials, sessionId: string, participantId: string): Promise<IssuedToken> {
  return hostRequest<IssuedToken>(server, `/v1/sessions/${encodeURIComponent(sessionId)}/tokens`, { participantId }, 200);
}
