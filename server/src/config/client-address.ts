import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';
import { ConfigError } from './env.js';

/**
 * Which hops of a request may be believed when they name the client in `X-Forwarded-For`:
 * called with each address from the socket's peer outwards and its hop number (0 = the peer).
 * Express takes the same function as its 'trust proxy' setting.
 */
export type TrustProxy = (address: string, hop: number) => boolean;

const trustNobody: TrustProxy = () => false;

/**
 * Parses `TRUST_PROXY` in the forms Express's 'trust proxy' setting takes: unset or `false`
 * (the peer is the client; `X-Forwarded-For` is ignored), `true` (believe every hop: only when the
 * server is reachable through the proxy alone), a number of proxy hops in front of the server, or
 * a comma-separated list of proxy addresses and CIDR ranges (and proxy-addr's names `loopback`,
 * `linklocal`, `uniquelocal`).
 * @throws {ConfigError} naming `TRUST_PROXY` for anything else.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'false') return trustNobody;
  if (value === 'true') return () => true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  try {
    return proxyaddr.compile(entries);
  } catch (error) {
    throw new ConfigError(
      'TRUST_PROXY',
      `expected false, true, a number of hops or a comma-separated list of addresses and CIDR ranges: ${(error as Error).message}`,
    );
  }
}

/** The client's address: the socket's peer, or the nearest untrusted hop of `X-Forwarded-For`. */
export function clientAddress(request: IncomingMessage, trust: TrustProxy): string {
  if (!request.socket.remoteAddress) return 'unknown';
  return proxyaddr(request as Parameters<typeof proxyaddr>[0], trust);
}
