// The example portal's test stack: the portal in-process and the real reference server beside it.
import { once } from 'node:events';
import { createServer } from 'node:http';
import { spawnReferenceServer } from '../../../../scripts/lib/reference-server.mjs';
import { createPortalApp } from '../app.js';
import { createInterviewKitClient } from '../interview-kit-client.js';

/**
 * Starts the whole stack: the portal (in-process, on a free port) and the reference server
 * (subprocess, fresh SQLite data, random API key) that allows the portal's origin, so a real
 * browser can use both.
 *
 * @param {{ apiKey?: string }} [options] an API key to give the portal instead of the server's own
 */
export async function startStack(options = {}) {
  const http = createServer();
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const portalUrl = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (http.address()).port}`;

  let interviewKit;
  try {
    interviewKit = await spawnReferenceServer({ env: { CORS_ORIGINS: portalUrl } });
  } catch (error) {
    http.close();
    throw error;
  }
  const app = createPortalApp({
    interviewKit: createInterviewKitClient({ serverUrl: interviewKit.url, apiKey: options.apiKey ?? interviewKit.apiKey }),
    serverUrl: interviewKit.url,
  });
  http.on('request', app);

  return {
    portalUrl,
    interviewKit,
    async stop() {
      http.closeAllConnections();
      http.close();
      await interviewKit.stop();
    },
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
