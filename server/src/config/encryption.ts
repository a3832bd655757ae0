import { ConfigError, type Env } from './env.js';

/** One data encryption key: its id (written into every value it seals) and its 32 bytes. */
export interface DataKey {
  id: string;
  key: Buffer;
}

/** The keys of encryption at rest: `current` seals new values; `old` ones still open what they sealed. */
export interface KeyRing {
  current: DataKey;
  old: DataKey[];
}

/** Key ids are short and plain: they are written, padded, into every sealed value. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,16}$/;

function dataKey(variable: string, raw: string): DataKey {
  const at = raw.indexOf(':');
  const id = at === -1 ? '' : raw.slice(0, at).trim();
  const encoded = at === -1 ? '' : raw.slice(at + 1).trim();
  if (!KEY_ID_PATTERN.test(id)) {
    throw new ConfigError(variable, 'expected <key id>:<base64 of 32 bytes>, the key id 1–16 of A–Z a–z 0–9 . _ - (e.g. "k1:$(openssl rand -base64 32)")');
  }
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded)) throw new ConfigError(variable, `the key "${id}" is not base64`);
  const key = Buffer.from(encoded, encoded.includes('-') || encoded.includes('_') ? 'base64url' : 'base64');
  if (key.length !== 32) throw new ConfigError(variable, `the key "${id}" is ${key.length} bytes; AES-256 needs exactly 32 (openssl rand -base64 32)`);
  return { id, key };
}

/**
 * The key ring from `DATA_ENCRYPTION_KEY` (`<key id>:<base64 32 bytes>`) and, while a rotation
 * is under way, `DATA_ENCRYPTION_OLD_KEYS` (the same, comma-separated); `undefined` without a key.
 * @throws {ConfigError} for a malformed key, a repeated key id, or old keys without a current one.
 */
export function keyRingFromEnv(env: Env): KeyRing | undefined {
  const current = env.DATA_ENCRYPTION_KEY?.trim();
  const oldRaw = (env.DATA_ENCRYPTION_OLD_KEYS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (!current) {
    if (oldRaw.length) throw new ConfigError('DATA_ENCRYPTION_OLD_KEYS', 'set DATA_ENCRYPTION_KEY too: old keys only open values while a current key seals new ones');
    return undefined;
  }
  const ring: KeyRing = { current: dataKey('DATA_ENCRYPTION_KEY', current), old: oldRaw.map((raw) => dataKey('DATA_ENCRYPTION_OLD_KEYS', raw)) };
  const ids = new Set<string>([ring.current.id]);
  for (const { id } of ring.old) {
    if (ids.has(id)) throw new ConfigError('DATA_ENCRYPTION_OLD_KEYS', `the key id "${id}" is used twice; every key needs its own id`);
    ids.add(id);
  }
  return ring;
}
