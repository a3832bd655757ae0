import { pino, type DestinationStream } from 'pino';
import type { LogLevel } from './config/index.js';
import { activeTraceFields } from './telemetry/tracing.js';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** Lifecycle announcements (listening, shutting down): written at every level but `silent`. */
  notice(msg: string, fields?: Record<string, unknown>): void;
}

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
 * Structured JSON logs through pino, one object per line: `time` (ISO 8601), `level` (`debug`,
 * `info`, `warn`, `error`), `msg`, the caller's fields, and `trace_id`/`span_id` when a traced
 * span is active. Values that look like tokens or keys are redacted — by field name at any depth
 * and by shape in free text — so a careless field cannot leak a credential.
 */
export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  const destination: DestinationStream = { write };
  const root = pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      formatters: {
        level: (label) => ({ level: label }),
        log: (fields) => scrub(fields) as Record<string, unknown>,
      },
      mixin: activeTraceFields,
    },
    destination,
  );
  // Lifecycle lines pass any threshold but `silent`.
  const lifecycle = level === 'silent' ? root : root.child({}, { level: 'info' });
  const at = (logger: pino.Logger, method: 'debug' | 'info' | 'warn' | 'error') => (msg: string, fields: Record<string, unknown> = {}) =>
    logger[method](fields, scrub(msg) as string);
  return { debug: at(root, 'debug'), info: at(root, 'info'), warn: at(root, 'warn'), error: at(root, 'error'), notice: at(lifecycle, 'info') };
}
