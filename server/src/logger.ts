import type { LogLevel } from './config/index.js';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** Lifecycle announcements (listening, shutting down): written at every level but `silent`. */
  notice(msg: string, fields?: Record<string, unknown>): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Field names whose values are never written, whatever a caller passes. */
const SECRET_FIELDS = /^(authorization|token|.*_token|apiKey|api_key|key|secret|password|cookie)$/i;
/** Credentials that might slip into free text (a JWT, an API key, a Bearer header). */
const SECRET_TEXT = /\b(?:Bearer\s+\S+|eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*|ik_[0-9a-f]{12}_[A-Za-z0-9_-]+)/g;

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(SECRET_TEXT, '[redacted]');
  if (value instanceof Error) return { name: value.name, message: scrub(value.message), stack: scrub(value.stack) };
  if (value === null || typeof value !== 'object' || depth > 4) return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_FIELDS.test(k) ? '[redacted]' : scrub(v, depth + 1)]),
  );
}

/**
 * Structured JSON logs, one object per line. Values that look like tokens or keys are redacted,
 * so a careless field cannot leak a credential.
 */
export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  const log = (at: Exclude<LogLevel, 'silent'>, always = false) => (msg: string, fields: Record<string, unknown> = {}) => {
    if (level === 'silent' || (!always && RANK[at] < RANK[level])) return;
    write(`${JSON.stringify({ time: new Date().toISOString(), level: at, msg: scrub(msg), ...(scrub(fields) as object) })}\n`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'), notice: log('info', true) };
}
