import { ConfigError, wholeNumber as whole, type Env } from './env.js';

/** An OpenAI-compatible HTTP API: its base URL (the `/v1/...` paths are appended), key and model. */
export interface ModelEndpoint {
  url: string;
  apiKey: string | undefined;
  model: string;
  /** One request's deadline. */
  timeoutMs: number;
}

/** Transcription of recordings (`TRANSCRIBE_*`); undefined: recordings are not transcribed. */
export interface TranscriptionSettings extends ModelEndpoint {
  /** Recordings larger than this are not sent (`TRANSCRIBE_MAX_BYTES`, default 25 MiB, OpenAI's limit). */
  maxBytes: number;
}

/** What the server asks models for after an interview (`TRANSCRIBE_*`, `ASSISTANT_*`); each off when its URL is unset. */
export interface ModelSettings {
  transcription: TranscriptionSettings | undefined;
  assistant: ModelEndpoint | undefined;
  /** Attempts of the assistant's job and the delay before its first retry (`ASSISTANT_MAX_ATTEMPTS`, default 4; `ASSISTANT_RETRY_BASE_MS`, default 30000). */
  assistantRetries: { maxAttempts: number; baseMs: number };
}

function endpoint(env: Env, prefix: 'TRANSCRIBE' | 'ASSISTANT', defaultModel: string, defaultTimeoutMs: number): ModelEndpoint | undefined {
  const raw = env[`${prefix}_URL`]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${prefix}_URL`, `not a valid URL: "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`${prefix}_URL`, 'expected an http(s) URL');
  return {
    // The base of an OpenAI-compatible API; a trailing /v1 is accepted and dropped.
    url: url.href.replace(/\/$/, '').replace(/\/v1$/, ''),
    apiKey: env[`${prefix}_API_KEY`]?.trim() || undefined,
    model: env[`${prefix}_MODEL`]?.trim() || defaultModel,
    timeoutMs: whole(env, `${prefix}_TIMEOUT_MS`, defaultTimeoutMs, 1000, 3_600_000),
  };
}

/** @throws {ConfigError} naming the first invalid variable. */
export function modelSettingsFromEnv(env: Env): ModelSettings {
  const transcription = endpoint(env, 'TRANSCRIBE', 'whisper-1', 600_000);
  return {
    transcription: transcription && { ...transcription, maxBytes: whole(env, 'TRANSCRIBE_MAX_BYTES', 25 * 1024 * 1024, 1024, 1024 * 1024 * 1024) },
    assistant: endpoint(env, 'ASSISTANT', 'gpt-4o-mini', 120_000),
    assistantRetries: { maxAttempts: whole(env, 'ASSISTANT_MAX_ATTEMPTS', 4, 1, 20), baseMs: whole(env, 'ASSISTANT_RETRY_BASE_MS', 30_000, 10, 3_600_000) },
  };
}
