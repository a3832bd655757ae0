import { ConfigError, wholeNumber as whole, type Env } from './env.js';

/** Standard delays between delivery attempts: about 5 s, 30 s, 2 min, 10 min, 1 h, 6 h and 12 h. */
export const DEFAULT_RETRY_SCHEDULE_SECONDS = [5, 30, 120, 600, 3600, 21_600, 43_200];

/** How webhooks are delivered (`WEBHOOK_*`, `PUBLIC_URL`). */
export interface WebhookSettings {
  /**
   * Whether endpoints may be http:// URLs and resolve to loopback, private, link-local or other
   * internal addresses (`WEBHOOK_ALLOW_PRIVATE_NETWORKS=true`; default false). For local development only.
   */
  allowPrivateNetworks: boolean;
  /** One attempt's deadline, connection to response (`WEBHOOK_TIMEOUT_MS`, default 10000). */
  timeoutMs: number;
  /** Delays before the 2nd, 3rd, … attempt (`WEBHOOK_RETRY_SCHEDULE`, seconds, comma-separated); one attempt more than delays. */
  retryScheduleMs: number[];
  /** An endpoint failing without a success for this long is disabled (`WEBHOOK_DISABLE_AFTER_HOURS`, default 72). */
  disableAfterMs: number;
  /** The server's public URL, for the links in payloads (`PUBLIC_URL`); links are paths without it. */
  publicUrl: string | undefined;
}

function flag(env: Env, name: string): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new ConfigError(name, `expected true or false, got "${env[name]}"`);
}

function schedule(env: Env, name: string): number[] {
  const raw = env[name]?.trim();
  if (!raw) return DEFAULT_RETRY_SCHEDULE_SECONDS.map((s) => s * 1000);
  const parts = raw.split(',').map((part) => part.trim());
  if (parts.length > 20 || parts.some((part) => !/^\d+(\.\d+)?$/.test(part) || Number(part) > 86_400 * 7)) {
    throw new ConfigError(name, `expected up to 20 comma-separated delays in seconds (each at most 7 days), got "${raw}"`);
  }
  return parts.map((part) => Math.round(Number(part) * 1000));
}

function publicUrl(env: Env): string | undefined {
  const raw = env.PUBLIC_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('PUBLIC_URL', 'not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError('PUBLIC_URL', 'expected an http(s) URL');
  return url.href.replace(/\/$/, '');
}

export function webhookSettingsFromEnv(env: Env): WebhookSettings {
  return {
    allowPrivateNetworks: flag(env, 'WEBHOOK_ALLOW_PRIVATE_NETWORKS'),
    timeoutMs: whole(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
    retryScheduleMs: schedule(env, 'WEBHOOK_RETRY_SCHEDULE'),
    disableAfterMs: whole(env, 'WEBHOOK_DISABLE_AFTER_HOURS', 72, 1, 24 * 365) * 3_600_000,
    publicUrl: publicUrl(env),
  };
}
