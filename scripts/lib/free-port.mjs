// A TCP port for servers that must know theirs before they start (dev servers, the test runner).
import { createServer } from 'node:net';

/**
 * Resolves with a TCP port on `host` that was free a moment ago.
 * @param {string} [host]
 * @returns {Promise<number>}
 */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
}
