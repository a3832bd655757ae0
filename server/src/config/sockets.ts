import { readFileSync } from 'node:fs';
import { ConfigError, wholeNumber, type Env } from './env.js';

/** How many WebSocket connections the server holds, and how long one may stay unauthenticated. */
export interface SocketSettings {
  /** Concurrent WebSocket connections from one client address (`WS_MAX_PER_IP`). */
  maxPerAddress: number;
  /** Concurrent WebSocket connections in all (`WS_MAX_CONNECTIONS`). */
  maxConnections: number;
  /** A `/v1/collab` socket that has not authenticated by then is closed (`WS_AUTH_TIMEOUT_MS`). */
  authTimeoutMs: number;
}

/** File descriptors always kept for HTTP requests, the database, run pipes and logs. */
export const MIN_FD_HEADROOM = 256;

/**
 * The default total cap from the process's soft limit of open files: every WebSocket holds one
 * descriptor, and a quarter of the limit (at least {@link MIN_FD_HEADROOM}) stays free for HTTP
 * requests, the database files and pool, the sandbox's pipes and logs:
 * `max(0, softLimit − max(256, ⌈softLimit / 4⌉))` — 768 for a limit of 1 024, 15 000 for 20 000.
 */
export function defaultMaxConnections(fdSoftLimit: number): number {
  return Math.max(0, fdSoftLimit - Math.max(MIN_FD_HEADROOM, Math.ceil(fdSoftLimit / 4)));
}

/** The most connections a limit of open files allows at all: it minus {@link MIN_FD_HEADROOM}. */
export function ceilingOfConnections(fdSoftLimit: number): number {
  return Math.max(0, fdSoftLimit - MIN_FD_HEADROOM);
}

/**
 * The soft limit on open files of this process (`ulimit -n`), from `/proc/self/limits`; 1 024
 * (the usual default) when it cannot be read, 1 048 576 when unlimited.
 */
export function openFileSoftLimit(limits = '/proc/self/limits'): number {
  try {
    const line = readFileSync(limits, 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = line?.slice('Max open files'.length).trim().split(/\s+/)[0];
    if (soft === 'unlimited') return 1_048_576;
    if (soft && /^\d+$/.test(soft)) return Number(soft);
  } catch {
    // Not Linux, or /proc is not mounted.
  }
  return 1024;
}

/**
 * Reads `WS_MAX_PER_IP`, `WS_MAX_CONNECTIONS` and `WS_AUTH_TIMEOUT_MS`. The total may never exceed
 * what the open-file limit allows ({@link ceilingOfConnections}).
 * @throws {ConfigError} naming the variable.
 */
export function socketSettingsFromEnv(env: Env, fdSoftLimit = openFileSoftLimit()): SocketSettings {
  const ceiling = ceilingOfConnections(fdSoftLimit);
  if (ceiling < 1) {
    throw new ConfigError('WS_MAX_CONNECTIONS', `the open-file limit (${fdSoftLimit}) leaves no room for WebSockets; raise ulimit -n`);
  }
  const fallback = Math.max(1, defaultMaxConnections(fdSoftLimit));
  const raw = env.WS_MAX_CONNECTIONS?.trim();
  if (raw && /^\d+$/.test(raw) && Number(raw) > ceiling) {
    throw new ConfigError(
      'WS_MAX_CONNECTIONS',
      `${raw} exceeds what the open-file limit allows: ${ceiling} (ulimit -n ${fdSoftLimit} minus ${MIN_FD_HEADROOM} kept for HTTP and the database); raise ulimit -n first`,
    );
  }
  const maxConnections = wholeNumber(env, 'WS_MAX_CONNECTIONS', fallback, 1, ceiling);
  return {
    maxConnections,
    maxPerAddress: wholeNumber(env, 'WS_MAX_PER_IP', Math.min(64, maxConnections), 1, maxConnections),
    authTimeoutMs: wholeNumber(env, 'WS_AUTH_TIMEOUT_MS', 5_000, 100, 600_000),
  };
}
