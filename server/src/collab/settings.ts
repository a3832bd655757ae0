import { ConfigError } from '../env.js';

/** An RTCIceServer as browsers take it. */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/** Limits and peer-to-peer settings of the collaboration endpoints. */
export interface CollabSettings {
  /** ICE servers handed to browsers; never public defaults. Empty: host candidates only (LAN, loopback). */
  iceServers: IceServer[];
  ticketTtlMs: number;
  sync: { maxFrameBytes: number; messagesPerSecond: number; burst: number; maxDocumentsPerSocket: number };
  signaling: { maxFrameBytes: number; messagesPerSecond: number; burst: number; heartbeatMs: number };
  /** Fold a document's log into a snapshot after this many updates. */
  compactEvery: number;
}

/** The collaboration settings: the configured ICE servers, everything else fixed defaults. */
export function collabSettings(iceServers: IceServer[]): CollabSettings {
  return {
    iceServers,
    ticketTtlMs: 30_000,
    sync: { maxFrameBytes: 1024 * 1024, messagesPerSecond: 200, burst: 1000, maxDocumentsPerSocket: 2 },
    signaling: { maxFrameBytes: 64 * 1024, messagesPerSecond: 50, burst: 200, heartbeatMs: 30_000 },
    compactEvery: 500,
  };
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
