import { ConfigError, wholeNumber as whole, type Env } from './env.js';

/** Where recordings are kept: files under `DATA_DIR/recordings`, or an S3-compatible bucket. */
export type RecordingStorage =
  | { kind: 'local' }
  | {
      kind: 's3';
      bucket: string;
      /** An S3-compatible endpoint (MinIO, R2, …); absent: AWS itself. */
      endpoint: string | undefined;
      region: string;
      /** Path-style addressing (`endpoint/bucket/key`), which most S3-compatible servers want. */
      forcePathStyle: boolean;
      /** Absent: the AWS SDK's default credential chain (environment, instance role, …). */
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
    };

/** Recordings of the interview's audio and video (`RECORDING_*`, `S3_*`). */
export interface RecordingSettings {
  storage: RecordingStorage;
  /** The largest chunk one upload may carry (`RECORDING_CHUNK_MAX_BYTES`, default 8 MiB). */
  chunkMaxBytes: number;
  /** The most one participant's recording may hold (`RECORDING_MAX_BYTES`, default 2 GiB). */
  maxBytes: number;
  /** How long a playback link stays valid (`RECORDING_LINK_TTL_SECONDS`, default 900). */
  linkTtlSeconds: number;
  /** Chunks may still arrive this long after the session ended: the recorders' last seconds (`RECORDING_LATE_CHUNK_GRACE_MS`, default 60000); transcription waits it out. */
  lateChunkGraceMs: number;
}

const MiB = 1024 * 1024;

function s3(env: Env): RecordingStorage {
  const bucket = env.S3_BUCKET?.trim();
  if (!bucket) throw new ConfigError('S3_BUCKET', 'RECORDING_STORAGE=s3 needs the bucket name');
  let endpoint = env.S3_ENDPOINT?.trim() || undefined;
  if (endpoint) {
    try {
      const url = new URL(endpoint);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error();
      endpoint = url.href.replace(/\/$/, '');
    } catch {
      throw new ConfigError('S3_ENDPOINT', `expected an http(s) URL, got "${env.S3_ENDPOINT}"`);
    }
  }
  const accessKeyId = env.S3_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY?.trim();
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new ConfigError(accessKeyId ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID', 'set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together (or neither, for the default credential chain)');
  }
  return {
    kind: 's3',
    bucket,
    endpoint,
    region: env.S3_REGION?.trim() || 'us-east-1',
    forcePathStyle: (env.S3_FORCE_PATH_STYLE ?? (endpoint ? 'true' : 'false')).trim() === 'true',
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
  };
}

/** @throws {ConfigError} naming the first invalid variable. */
export function recordingSettingsFromEnv(env: Env): RecordingSettings {
  const kind = (env.RECORDING_STORAGE?.trim() || 'local').toLowerCase();
  if (kind !== 'local' && kind !== 's3') throw new ConfigError('RECORDING_STORAGE', `expected local or s3, got "${env.RECORDING_STORAGE}"`);
  return {
    storage: kind === 's3' ? s3(env) : { kind: 'local' },
    chunkMaxBytes: whole(env, 'RECORDING_CHUNK_MAX_BYTES', 8 * MiB, 64 * 1024, 64 * MiB),
    maxBytes: whole(env, 'RECORDING_MAX_BYTES', 2048 * MiB, MiB, 64 * 1024 * MiB),
    linkTtlSeconds: whole(env, 'RECORDING_LINK_TTL_SECONDS', 900, 30, 86_400),
    lateChunkGraceMs: whole(env, 'RECORDING_LATE_CHUNK_GRACE_MS', 60_000, 0, 600_000),
  };
}
