import { ConfigError } from './env.js';

/** An RTCIceServer as browsers take it. */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/**
 * Parses `ICE_SERVERS`: a JSON array of RTCIceServer objects, e.g.
 * `[{"urls":"turn:turn.example.com:3478","username":"u","credential":"p"}]`; unset means none.
 * @throws {ConfigError} naming `ICE_SERVERS` when it is not such an array.
 */
export function parseIceServers(raw: string | undefined): IceServer[] {
  if (!raw) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new ConfigError('ICE_SERVERS', 'expected a JSON array of {urls, username?, credential?}');
  }
  const valid =
    Array.isArray(value) &&
    value.every(
      (s) =>
        typeof s === 'object' &&
        s !== null &&
        (typeof s.urls === 'string' || (Array.isArray(s.urls) && s.urls.every((u: unknown) => typeof u === 'string'))) &&
        (s.username === undefined || typeof s.username === 'string') &&
        (s.credential === undefined || typeof s.credential === 'string'),
    );
  if (!valid) throw new ConfigError('ICE_SERVERS', 'expected a JSON array of {urls, username?, credential?}');
  return value as IceServer[];
}
