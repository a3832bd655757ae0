// The example portal's test stack: the portal in-process and the real reference server beside it.
import { once } from 'node:events';
import { createServer } from 'node:http';
import { spawnReferenceServer } from '../../../../scripts/lib/reference-server.mjs';
import { createPortalApp, WEBHOOK_PATH } from '../app.js';
import { createInterviewKitClient } from '../interview-kit-client.js';
import { createWebhookInbox } from '../webhook-inbox.js';
import { createWebhookVerifier } from '../webhook-receiver.js';
import { registerWebhook } from '../webhook-registration.js';

/**
 * Starts the whole stack: the portal (in-process, on a free port) and the reference server
 * (subprocess, fresh SQLite data, random API key) that allows the portal's origin, so a real
 * browser can use both, and delivers webhooks to it on loopback. Unless given another API key,
 * the portal registers its webhook as it does at start; every delivery that reaches it is kept
 * in `deliveries` as it arrived (headers and raw body), for tests to replay or tamper with.
 * `allowOrigins` are more origins the server allows (CORS), for pages served elsewhere that use
 * the portal as their backend, such as the React and Vue examples.
 *
 * @param {{ apiKey?: string, allowOrigins?: string[] }} [options] an API key to give the portal instead of the server's own
 */
export async function startStack(options = {}) {
  const http = createServer();
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const portalUrl = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (http.address()).port}`;

  let interviewKit;
  try {
    interviewKit = await spawnReferenceServer({ env: { CORS_ORIGINS: [portalUrl, ...(options.allowOrigins ?? [])].join(','), WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', JOB_POLL_MS: '100' } });
  } catch (error) {
    http.close();
    throw error;
  }
  const client = createInterviewKitClient({ serverUrl: interviewKit.url, apiKey: options.apiKey ?? interviewKit.apiKey });
  const inbox = createWebhookInbox();
  const verifier = createWebhookVerifier();
  const app = createPortalApp({ interviewKit: client, serverUrl: interviewKit.url, inbox, verifier });

  /** @type {{ headers: Record<string, string>, body: string }[]} */
  const deliveries = [];
  http.on('request', (req, res) => {
    if (req.method === 'POST' && req.url === WEBHOOK_PATH) keepCopy(req, deliveries);
    app(req, res);
  });

  const webhookUrl = `${portalUrl}${WEBHOOK_PATH}`;
  /** @type {{ id: string } | null} */
  let webhook = null;
  if (!options.apiKey) {
    const registered = await registerWebhook({ interviewKit: client, url: webhookUrl });
    verifier.useSecret(registered.secret);
    webhook = { id: registered.id };
  }

  return {
    portalUrl,
    webhookUrl,
    interviewKit,
    /** The portal's Interview Kit client (with the API key). */
    client,
    inbox,
    verifier,
    webhook,
    deliveries,
    async stop() {
      http.closeAllConnections();
      http.close();
      await interviewKit.stop();
    },
  };
}

/**
 * Copies a request's headers and body into `into` as the body enters the stream, leaving it
 * unread for the portal, which parses it itself.
 * @param {import('node:http').IncomingMessage} req
 * @param {{ headers: Record<string, string>, body: string }[]} into
 */
function keepCopy(req, into) {
  /** @type {Buffer[]} */
  const chunks = [];
  const push = req.push.bind(req);
  req.push = (chunk, encoding) => {
    if (chunk === null) {
      const headers = Object.fromEntries(['content-type', 'webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [name, String(req.headers[name] ?? '')]));
      into.push({ headers, body: Buffer.concat(chunks).toString('utf8') });
    } else {
      chunks.push(Buffer.from(chunk));
    }
    return push(chunk, encoding);
  };
}

/** A small FizzBuzz interview, as the portal's form posts it. */
export function fizzBuzzForm() {
  return {
    title: 'FizzBuzz warm-up',
    prompt: '# FizzBuzz\n\nRead **n** from stdin and print `Fizz`, `Buzz` or `FizzBuzz`.',
    language: 'python',
    starterCode: 'n = int(input())\n',
    tests: [
      { stdin: '3\n', expected: 'Fizz\n', hidden: false },
      { stdin: '15\n', expected: 'FizzBuzz-secret\n', hidden: true },
    ],
    participants: [
      { name: 'Ivy Interviewer', role: 'interviewer' },
      { name: 'Cam Candidate', role: 'candidate' },
    ],
    durationMinutes: '45',
  };
}

/**
 * @param {string} url
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
export function postJson(url, body, headers = {}) {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/**
 * Resolves once `check` returns a value other than undefined/false, polling every 100 ms;
 * rejects with `what` after `timeoutMs`.
 * @template T
 * @param {() => T | Promise<T>} check
 * @param {string} what
 * @param {number} [timeoutMs]
 * @returns {Promise<NonNullable<T>>}
 */
export async function eventually(check, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return /** @type {NonNullable<T>} */ (value);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A small coding question of the bank, in its shape: sum two numbers read from stdin. Its Python
 * reference solution is right unless `solution` says otherwise.
 * @param {string} slug
 * @param {Record<string, unknown>} [fields]
 */
export function sumQuestion(slug, fields = {}) {
  return {
    slug,
    type: 'coding',
    title: `Sum of two (${slug})`,
    prompt: 'Read **two numbers** and print their sum.',
    difficulty: 'easy',
    tags: ['arithmetic'],
    estimatedMinutes: 10,
    guide: 'Ask about overflow.',
    starterCode: { python: 'a, b = map(int, input().split())\n' },
    tests: [
      { stdin: '1 2\n', expected: '3\n', hidden: false },
      { stdin: '40 2\n', expected: '42\n', hidden: true },
    ],
    solutions: { python: 'a, b = map(int, input().split())\nprint(a + b)\n' },
    ...fields,
  };
}
