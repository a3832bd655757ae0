import { createPortalApp } from './app.js';
import { elementsBundleState } from './elements-bundle.js';
import { createInterviewKitClient } from './interview-kit-client.js';

/**
 * Starts the Acme Hiring portal.
 *
 * Environment: IK_API_KEY (required, never sent to browsers), IK_SERVER_URL (default
 * http://127.0.0.1:8080), PORTAL_PORT (default 8081), PORTAL_HOST (default 127.0.0.1).
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
const app = createPortalApp({ interviewKit, serverUrl });

const server = app.listen(port, host, (error) => {
  if (error) {
    log('error', 'cannot listen', { error: error.message });
    process.exit(1);
  }
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  log('info', 'listening', { url: `http://${host}:${address.port}`, interviewKit: serverUrl });
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
