import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { accessSync, constants, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parseTrustProxy, type TrustProxy } from './client-address.js';
import { socketSettingsFromEnv, type SocketSettings } from './sockets.js';
import { collabQuotasFromEnv, type CollabQuotas } from './collab.js';
import { ConfigError, wholeNumber as integer, type Env } from './env.js';
import { keyRingFromEnv, type KeyRing } from './encryption.js';
import { parseIceServers, type IceServer } from './ice-servers.js';
import { jobSettingsFromEnv, type JobSettings } from './jobs.js';
import { modelSettingsFromEnv, type ModelSettings } from './models.js';
import { recordingSettingsFromEnv, type RecordingSettings } from './recordings.js';
import { runSettingsFromEnv, type RunSettings } from './runs.js';
import { scaleOutSettingsFromEnv, type ScaleOutSettings } from './scale-out.js';
import { webhookSettingsFromEnv, type WebhookSettings } from './webhooks.js';

export type { CollabQuotas } from './collab.js';
export type { DataKey, KeyRing } from './encryption.js';
export { ConfigError, type Env } from './env.js';
export type { IceServer } from './ice-servers.js';
export type { ExecutorSettings, RunSettings } from './runs.js';
export type { JobSettings } from './jobs.js';
export type { RecordingSettings, RecordingStorage } from './recordings.js';
export type { ModelEndpoint, ModelSettings, TranscriptionSettings } from './models.js';
export type { ScaleOutSettings } from './scale-out.js';
export type { WebhookSettings } from './webhooks.js';

/** The reference server's configuration, validated, with embedded defaults filled in. */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** `undefined` → the embedded SQLite file in `dataDir`. */
  databaseUrl: string | undefined;
  jwtSecret: Uint8Array;
  /** Issuer claim of participant tokens. */
  tokenIssuer: string;
  tokenTtlSeconds: number;
  bootstrapApiKey: string | undefined;
  livekit: { url: string; apiKey: string; apiSecret: string } | undefined;
  corsOrigins: string[];
  bodyLimitBytes: number;
  rateLimit: { perKeyPerMinute: number; perIpPerMinute: number };
  /** Which proxies may name the client in `X-Forwarded-For` (`TRUST_PROXY`); used by rate limits and WebSocket caps. */
  trustProxy: TrustProxy;
  /** WebSocket connection caps and the authentication deadline (`WS_*`). */
  sockets: SocketSettings;
  logLevel: LogLevel;
  /** This instance's id (`INSTANCE_ID`, else host name and a random suffix; as `scaleOut.instanceId`): the `instance` label of metrics, `service.instance.id` of traces. */
  instanceId: string;
  /** How code runs execute and are admitted (`EXECUTOR`, `JUDGE0_*`, `RUN_*`). */
  runs: RunSettings;
  /** ICE servers handed to browsers for peer-to-peer editing and video (`ICE_SERVERS`). */
  iceServers: IceServer[];
  /** What a client may store in or relay through the collaboration endpoints (`DOC_MAX_BYTES`, `COLLAB_BYTES_*`, `AWARENESS_MAX_BYTES`, `BOARD_MAX_*`). */
  collabQuotas: CollabQuotas;
  /** How this process works the job queue (`JOB_*`). */
  jobs: JobSettings;
  /** Webhook delivery: timeouts, retries, the private-network guard (`WEBHOOK_*`, `PUBLIC_URL`). */
  webhooks: WebhookSettings;
  /** Encryption at rest of feedback, notes and code (`DATA_ENCRYPTION_KEY`, `DATA_ENCRYPTION_OLD_KEYS`); `undefined`: stored in clear. */
  encryption: KeyRing | undefined;
  /** Recordings of the call: where they are stored and how large they may grow (`RECORDING_*`, `S3_*`). */
  recordings: RecordingSettings;
  /** The transcription and assistant models (`TRANSCRIBE_*`, `ASSISTANT_*`), each off when unset. */
  models: ModelSettings;
  /** The session chat: messages a session holds (`CHAT_MAX_MESSAGES`) and a participant may send a minute (`CHAT_RATE_LIMIT_PER_PARTICIPANT`). */
  chat: { maxMessages: number; perParticipantPerMinute: number };
  /** Several instances through Redis, and the SIGTERM drain (`REDIS_URL`, `INSTANCE_ID`, `DRAIN_TIMEOUT_MS`). */
  scaleOut: ScaleOutSettings;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `expected a ${protocols.join(' or ')} URL, got ${parsed.protocol}`);
  }
  return raw;
}

function origins(env: Env): string[] {
  const raw = env.CORS_ORIGINS ?? '';
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((origin) => {
      if (origin === '*') throw new ConfigError('CORS_ORIGINS', 'a wildcard is not allowed; list each origin');
      let parsed: URL;
      try {
        parsed = new URL(origin);
      } catch {
        throw new ConfigError('CORS_ORIGINS', `"${origin}" is not an origin like https://portal.example.com`);
      }
      if (parsed.origin !== origin.replace(/\/$/, '')) {
        throw new ConfigError('CORS_ORIGINS', `"${origin}" must be a bare origin (scheme, host and port only)`);
      }
      return parsed.origin;
    });
}

/** Reads the JWT secret from the environment, or from `dataDir`, generating it there once. */
function jwtSecret(env: Env, dataDir: string): Uint8Array {
  const raw = env.JWT_SECRET;
  if (raw !== undefined && raw !== '') {
    if (raw.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
    return new TextEncoder().encode(raw);
  }
  const file = join(dataDir, 'jwt-secret');
  if (!existsSync(file)) {
    try {
      writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      throw new ConfigError('DATA_DIR', `cannot write ${file}: ${(error as Error).message}`);
    }
  }
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}

/**
 * Builds the configuration from environment variables. Creates `DATA_DIR` when missing and
 * refuses one it cannot write to.
 * @throws {ConfigError} naming the first invalid variable.
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const dataDirRaw = env.DATA_DIR || './data';
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw);
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new ConfigError('DATA_DIR', `cannot create ${dataDir}: ${(error as Error).message}`);
  }
  try {
    accessSync(dataDir, constants.W_OK);
  } catch (error) {
    throw new ConfigError('DATA_DIR', `${dataDir} is not writable: ${(error as Error).message}`);
  }

  const livekitUrl = url(env, 'LIVEKIT_URL', ['ws:', 'wss:', 'http:', 'https:']);
  const livekitKey = env.LIVEKIT_API_KEY || undefined;
  const livekitSecret = env.LIVEKIT_API_SECRET || undefined;
  const livekitSet = [livekitUrl, livekitKey, livekitSecret].filter(Boolean).length;
  if (livekitSet > 0 && livekitSet < 3) {
    const missing = !livekitUrl ? 'LIVEKIT_URL' : !livekitKey ? 'LIVEKIT_API_KEY' : 'LIVEKIT_API_SECRET';
    throw new ConfigError(missing, 'LiveKit needs LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET together');
  }

  const logLevel = (env.LOG_LEVEL || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `expected one of ${LOG_LEVELS.join(', ')}`);
  }

  const bootstrapApiKey = env.BOOTSTRAP_API_KEY || undefined;
  if (bootstrapApiKey !== undefined && bootstrapApiKey.length < 24) {
    throw new ConfigError('BOOTSTRAP_API_KEY', 'must be at least 24 characters');
  }

  const scaleOut = scaleOutSettingsFromEnv(env);
  return {
    host: env.HOST || '127.0.0.1',
    port: integer(env, 'PORT', 8080, 0, 65535),
    dataDir,
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    jwtSecret: jwtSecret(env, dataDir),
    tokenIssuer: env.TOKEN_ISSUER || 'interview-kit',
    tokenTtlSeconds: integer(env, 'TOKEN_TTL_SECONDS', 900, 30, 86400),
    bootstrapApiKey,
    livekit: livekitSet === 3 ? { url: livekitUrl!, apiKey: livekitKey!, apiSecret: livekitSecret! } : undefined,
    corsOrigins: origins(env),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 256 * 1024, 1024, 16 * 1024 * 1024),
    rateLimit: {
      perKeyPerMinute: integer(env, 'RATE_LIMIT_PER_KEY', 600, 1, 10_000_000),
      perIpPerMinute: integer(env, 'RATE_LIMIT_PER_IP', 1200, 1, 10_000_000),
    },
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    sockets: socketSettingsFromEnv(env),
    logLevel,
    instanceId: scaleOut.instanceId,
    runs: runSettingsFromEnv(env),
    iceServers: parseIceServers(env.ICE_SERVERS),
    collabQuotas: collabQuotasFromEnv(env),
    jobs: jobSettingsFromEnv(env),
    webhooks: webhookSettingsFromEnv(env),
    encryption: keyRingFromEnv(env),
    recordings: recordingSettingsFromEnv(env),
    models: modelSettingsFromEnv(env),
    chat: {
      maxMessages: integer(env, 'CHAT_MAX_MESSAGES', 2000, 1, 1_000_000),
      perParticipantPerMinute: integer(env, 'CHAT_RATE_LIMIT_PER_PARTICIPANT', 20, 1, 10_000_000),
    },
    scaleOut,
  };
}
