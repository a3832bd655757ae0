import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { ConfigError, wholeNumber as whole, type Env } from './env.js';

/** Running several instances side by side (`REDIS_URL`, `INSTANCE_ID`) and leaving gracefully (`DRAIN_TIMEOUT_MS`). */
export interface ScaleOutSettings {
  /**
   * `REDIS_URL` (`redis://` or `rediss://`): documents, signaling, session state pushes, tickets
   * and rate limits are shared with the other instances through it. `undefined`: one instance,
   * all of it in process.
   */
  redisUrl: string | undefined;
  /** This instance's name among the others (`INSTANCE_ID`; default: the host name and a random suffix). */
  instanceId: string;
  /** How long a SIGTERM drain lets runs under way finish before closing anyway (`DRAIN_TIMEOUT_MS`, default 20000). */
  drainTimeoutMs: number;
  /**
   * How long, after SIGTERM, `/readyz` answers 503 while the instance still serves, so that the
   * load balancer notices before the port closes (`DRAIN_NOTICE_MS`, default 1000).
   */
  drainNoticeMs: number;
}

export function scaleOutSettingsFromEnv(env: Env): ScaleOutSettings {
  const raw = env.REDIS_URL?.trim();
  let redisUrl: string | undefined;
  if (raw) {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new ConfigError('REDIS_URL', 'not a valid URL');
    }
    if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new ConfigError('REDIS_URL', `expected a redis: or rediss: URL, got ${parsed.protocol}`);
    redisUrl = raw;
  }
  const instanceId = env.INSTANCE_ID?.trim() || `${hostname()}-${randomBytes(4).toString('hex')}`;
  if (!/^[\w.:-]{1,100}$/.test(instanceId)) throw new ConfigError('INSTANCE_ID', 'letters, digits and . _ : - only, at most 100');
  return {
    redisUrl,
    instanceId,
    drainTimeoutMs: whole(env, 'DRAIN_TIMEOUT_MS', 20_000, 0, 600_000),
    drainNoticeMs: whole(env, 'DRAIN_NOTICE_MS', 1_000, 0, 60_000),
  };
}
