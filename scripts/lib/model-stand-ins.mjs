// A local stand-in for the OpenAI-compatible model endpoints the server calls after an interview
// (no model runs here): `POST /v1/audio/transcriptions` answers the documented `verbose_json`
// shape with two fixed segments for any recording; `POST /v1/chat/completions` answers a draft
// review in the structured-output shape, with evidence at the first transcript segment's moment.
// Browser tests get a reference server wired to it with `referenceServer({ models: true })`.
import { createServer } from 'node:http';

/** The words every recording is transcribed as, with their times in the recording (seconds). */
export const STAND_IN_SEGMENTS = [
  { start: 0.2, end: 1.1, text: 'I will start with the empty list' },
  { start: 1.3, end: 2.2, text: 'now the edge cases pass' },
];

/** The summary of every draft the stand-in writes. */
export const STAND_IN_SUMMARY = 'Read the question aloud, tested the edge cases early.';

/** The chat-completions answer: a draft in the server's schema, built from the material it was sent. */
function draftOf(request) {
  const material = JSON.parse(request.messages?.[1]?.content ?? '{}');
  const at = material.transcript?.[0]?.at ?? new Date().toISOString();
  const competencies = (material.rubric ?? []).map((c) => ({ competency: c.id, suggestedRating: 3, rationale: 'Explained the plan before coding.', evidence: [{ at, what: 'states the plan' }] }));
  return {
    choices: [{ message: { role: 'assistant', content: JSON.stringify({ summary: STAND_IN_SUMMARY, competencies }) } }],
    usage: { prompt_tokens: 500, completion_tokens: 80, total_tokens: 580 },
  };
}

/**
 * Starts the stand-in on a free loopback port.
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startModelStandIns() {
  const server = createServer(async (req, res) => {
    const parts = [];
    for await (const part of req) parts.push(part);
    const body = Buffer.concat(parts).toString('utf8');
    const answer = (status, value) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (req.method === 'POST' && req.url === '/v1/audio/transcriptions') {
      return answer(200, { text: STAND_IN_SEGMENTS.map((s) => s.text).join(' '), duration: 2.4, segments: STAND_IN_SEGMENTS });
    }
    if (req.method === 'POST' && req.url === '/v1/chat/completions') return answer(200, draftOf(JSON.parse(body)));
    answer(404, { error: { message: `the stand-in has no ${req.method} ${req.url}` } });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve(undefined))) };
}
