// Questions and kits the question-bank tests create over HTTP, as a host backend would.
import assert from 'node:assert/strict';
import { call, type TestServer } from '../../testing/harness.js';

type Overrides = Record<string, unknown>;

/** Sum two integers: a Python and a JavaScript solution, one visible and one hidden test. */
export function codingQuestion(overrides: Overrides = {}): Record<string, unknown> {
  return {
    slug: 'sum-two',
    type: 'coding',
    title: 'Sum two numbers',
    prompt: 'Read two integers and print their **sum**.',
    difficulty: 'easy',
    tags: ['arithmetic', 'warm-up'],
    estimatedMinutes: 10,
    guide: 'GUIDE-SECRET: ask about overflow.',
    starterCode: { python: 'a, b = map(int, input().split())\n', javascript: '// read stdin\n' },
    tests: [
      { stdin: '1 2\n', expected: '3\n' },
      { stdin: '40 2\n', expected: '42\n', hidden: true },
    ],
    solutions: {
      python: 'a, b = map(int, input().split())\nprint(a + b)  # SOLUTION-SECRET\n',
      javascript: "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\nconsole.log(a + b);\n",
    },
    rubric: 'coding-interview',
    ...overrides,
  };
}

/** A behavioural question on communication. */
export function structuredQuestion(overrides: Overrides = {}): Record<string, unknown> {
  return {
    slug: 'explain-tradeoff',
    type: 'structured',
    title: 'Explain a trade-off',
    prompt: 'Tell me about a technical trade-off you explained to a non-engineer.',
    difficulty: 'medium',
    tags: ['behavioural'],
    estimatedMinutes: 10,
    competency: 'communication',
    probes: ['What did they decide?'],
    positiveIndicators: ['INDICATOR-SECRET: checks understanding'],
    negativeIndicators: ['Uses jargon'],
    anchors: ['No example', 'Vague', 'Clear', 'Clear and adapted to the audience'],
    ...overrides,
  };
}

/** Creates a question (a draft) and returns its id. */
export async function addQuestion(server: TestServer, question: Record<string, unknown>, auth = server.apiKey): Promise<string> {
  const res = await call(server.url, 'POST', '/v1/questions', { auth, body: question });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
}

/** Creates and publishes a question; returns its id. */
export async function publishedQuestion(server: TestServer, question: Record<string, unknown>, auth = server.apiKey): Promise<string> {
  const id = await addQuestion(server, question, auth);
  const res = await call(server.url, 'POST', `/v1/questions/${id}/publish`, { auth });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return id;
}

/** The participants of a bank session: Ivy interviews, Cam is the candidate. */
export const PARTICIPANTS = [
  { id: 'ivy', name: 'Ivy Interviewer', role: 'interviewer' },
  { id: 'cam', name: 'Cam Candidate', role: 'candidate' },
];

/** Creates a session from the bank (`{ kit }` or `{ questions }`) and returns its id and tokens by participant id. */
export async function bankSession(server: TestServer, from: Overrides): Promise<{ id: string; tokens: Record<string, string> }> {
  const res = await call(server.url, 'POST', '/v1/sessions', { auth: server.apiKey, body: { title: 'Bank interview', participants: PARTICIPANTS, ...from } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { id: res.body.id, tokens: Object.fromEntries(res.body.participants.map((p: { id: string; token: string }) => [p.id, p.token])) };
}
