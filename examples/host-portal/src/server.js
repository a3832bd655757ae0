import { createPortalApp, WEBHOOK_PATH } from './app.js';
import { elementsBundleState } from './elements-bundle.js';
import { createInterviewKitClient, InterviewKitError } from './interview-kit-client.js';
import { createWebhookVerifier } from './webhook-receiver.js';
import { registerWebhook } from './webhook-registration.js';

/**
 * Starts the Acme Hiring portal.
 *
 * Environment: IK_API_KEY (required, never sent to browsers), IK_SERVER_URL (default
 * http://127.0.0.1:8080), PORTAL_PORT (default 8081), PORTAL_HOST (default 127.0.0.1),
 * PORTAL_PUBLIC_URL (how the Interview Kit server reaches the portal, for its webhook; default
 * http://PORTAL_HOST:port).
 *
 * Once listening it registers its webhook for every event (reusing the one an earlier run made),
 * and keeps the signing secret in memory only.
 */
const log = (/** @type {string} */ level, /** @type {string} */ msg, fields = {}) =>
  console.log(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));

const apiKey = process.env.IK_API_KEY;
if (!apiKey) {
  log('error', 'IK_API_KEY is not set: the portal needs an Interview Kit API key (see `npm run server -- api-key create`)');
  process.exit(1);
}
const serverUrl = process.env.IK_SERVER_URL || 'http://127.0.0.1:8080';
const host = process.env.PORTAL_HOST || '127.0.0.1';
const port = Number(process.env.PORTAL_PORT || 8081);

const bundle = elementsBundleState();
if (bundle) {
  // `npm start` at the repository root builds it; on its own, the portal only serves it.
  log('warn', `the Interview Kit elements bundle (dist/cdn) is ${bundle}: run \`npm run build\` at the repository root, or participant pages cannot show the room`);
}

const interviewKit = createInterviewKitClient({ serverUrl, apiKey });
const verifier = createWebhookVerifier();
const app = createPortalApp({ interviewKit, serverUrl, verifier });

/**
 * Registers the webhook, trying again with growing pauses while the server cannot be reached. A
 * refused URL (an http:// or loopback URL on a server that does not allow them) is not retried.
 * @param {string} url
 */
async function registerWhenPossible(url, pauseMs = 1_000) {
  try {
    const { id, secret, reused } = await registerWebhook({ interviewKit, url });
    verifier.useSecret(secret);
    log('info', reused ? 'webhook reused with a new secret' : 'webhook registered', { id, url });
  } catch (error) {
    if (error instanceof InterviewKitError && error.status === 400) {
      log('error', 'the Interview Kit server refused the webhook URL; scores and reports will not show (set PORTAL_PUBLIC_URL, or WEBHOOK_ALLOW_PRIVATE_NETWORKS=true on a development server)', { url, error: error.message });
      return;
    }
    log('warn', 'cannot register the webhook yet; scores and reports will not show until it is', { url, error: /** @type {Error} */ (error).message, retryInMs: pauseMs });
    setTimeout(() => registerWhenPossible(url, Math.min(pauseMs * 2, 60_000)), pauseMs).unref();
  }
}

const server = app.listen(port, host, (error) => {
  if (error) {
    log('error', 'cannot listen', { error: error.message });
    process.exit(1);
  }
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const url = `http://${host}:${address.port}`;
  log('info', 'listening', { url, interviewKit: serverUrl });
  const publicUrl = (process.env.PORTAL_PUBLIC_URL || url.replace('//0.0.0.0:', '//127.0.0.1:')).replace(/\/+$/, '');
  registerWhenPossible(`${publicUrl}${WEBHOOK_PATH}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    // The home pages' event streams never end by themselves.
    server.closeAllConnections();
  });
}
