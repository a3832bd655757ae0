import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataKey, KeyRing } from '../../config/encryption.js';

/**
 * What a sealed value belongs to: its table, column, session and (when the session has several)
 * the row within it. It is the associated data of the encryption, so a value copied to another
 * row, column or session fails to open.
 */
export interface FieldContext {
  table: string;
  column: string;
  sessionId: string;
  /** The row within the session: a document name, a participant id. */
  row: string;
}

/** A sealed value that cannot be opened: unknown key, tampered bytes, or moved from another row. */
export class FieldDecryptionError extends Error {
  constructor(context: FieldContext, reason: string) {
    super(`cannot decrypt ${context.table}.${context.column} of session ${context.sessionId} (${context.row}): ${reason}`);
    this.name = 'FieldDecryptionError';
  }
}

/**
 * Binary envelope: `00 00 49 4B` (no plain Yjs update of more than two bytes starts with two
 * zeros), version `01`, the key id padded with zeros to 16 bytes, a random 12-byte IV, the
 * ciphertext, the 16-byte GCM tag. Text columns hold `ikenc:` + its base64.
 */
const MAGIC = Buffer.from([0x00, 0x00, 0x49, 0x4b]);
const VERSION = 1;
const KEY_ID_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 1 + KEY_ID_BYTES;
/** Bytes a sealed value has more than its plaintext (the quota of a document counts plaintext). */
export const SEALED_OVERHEAD = HEADER_BYTES + IV_BYTES + TAG_BYTES;
/** The first bytes of every sealed binary value, whatever its key. */
export const SEALED_MAGIC: Uint8Array = MAGIC;
const TEXT_PREFIX = 'ikenc:';

const aad = (c: FieldContext) => Buffer.from([c.table, c.column, c.sessionId, c.row].join('\0'));

function keyIdField(id: string): Buffer {
  const field = Buffer.alloc(KEY_ID_BYTES);
  field.write(id, 'utf8');
  return field;
}

function isSealedBytes(stored: Uint8Array): boolean {
  return stored.byteLength >= SEALED_OVERHEAD && Buffer.from(stored.buffer, stored.byteOffset, MAGIC.length).equals(MAGIC);
}

/**
 * Encryption at rest of sensitive columns (AES-256-GCM, `DATA_ENCRYPTION_KEY`). Stores seal on
 * write and open on read; without a key ring values are stored and read as they are. Values
 * written before a key existed stay readable: the envelope's prefix tells sealed from plain.
 * Anything sealed that does not open throws {@link FieldDecryptionError}, never garbage.
 */
export class FieldCipher {
  readonly #ring: KeyRing | undefined;
  readonly #byId: Map<string, DataKey>;

  constructor(ring: KeyRing | undefined) {
    this.#ring = ring;
    this.#byId = new Map(ring ? [ring.current, ...ring.old].map((k) => [k.id, k]) : []);
  }

  /** Whether new values are sealed. */
  get enabled(): boolean {
    return this.#ring !== undefined;
  }

  /** The id of the key new values are sealed with, if any. */
  get currentKeyId(): string | undefined {
    return this.#ring?.current.id;
  }

  sealBytes(plain: Uint8Array, context: FieldContext): Uint8Array {
    if (!this.#ring) return plain;
    const { id, key } = this.#ring.current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad(context));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([MAGIC, Buffer.from([VERSION]), keyIdField(id), iv, body, cipher.getAuthTag()]);
  }

  openBytes(stored: Uint8Array, context: FieldContext): Uint8Array {
    if (!isSealedBytes(stored)) return stored;
    const sealed = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
    const version = sealed[MAGIC.length];
    if (version !== VERSION) throw new FieldDecryptionError(context, `unknown envelope version ${version}`);
    const id = this.keyIdOf(sealed)!;
    const key = this.#byId.get(id);
    if (!key) {
      throw new FieldDecryptionError(context, this.#ring ? `sealed with key "${id}", which is neither DATA_ENCRYPTION_KEY nor in DATA_ENCRYPTION_OLD_KEYS` : `sealed with key "${id}" but DATA_ENCRYPTION_KEY is not set`);
    }
    const iv = sealed.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
    const body = sealed.subarray(HEADER_BYTES + IV_BYTES, sealed.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key.key, iv).setAAD(aad(context)).setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      const plain = Buffer.concat([decipher.update(body), decipher.final()]);
      return new Uint8Array(plain.buffer, plain.byteOffset, plain.byteLength);
    } catch {
      throw new FieldDecryptionError(context, 'authentication failed: the value was altered or belongs to another row');
    }
  }

  sealText(plain: string, context: FieldContext): string {
    if (!this.#ring) return plain;
    return TEXT_PREFIX + Buffer.from(this.sealBytes(Buffer.from(plain, 'utf8'), context)).toString('base64');
  }

  openText(stored: string, context: FieldContext): string {
    if (!stored.startsWith(TEXT_PREFIX)) return stored;
    const sealed = Buffer.from(stored.slice(TEXT_PREFIX.length), 'base64');
    if (!isSealedBytes(sealed)) throw new FieldDecryptionError(context, 'not a sealed value');
    return Buffer.from(this.openBytes(sealed, context)).toString('utf8');
  }

  /** The key id a stored value was sealed with; `undefined` for a plain value. */
  keyIdOf(stored: Uint8Array | string): string | undefined {
    const bytes = typeof stored === 'string' ? (stored.startsWith(TEXT_PREFIX) ? Buffer.from(stored.slice(TEXT_PREFIX.length, TEXT_PREFIX.length + 40), 'base64') : undefined) : stored;
    if (!bytes || bytes.byteLength < HEADER_BYTES || !Buffer.from(bytes.buffer, bytes.byteOffset, MAGIC.length).equals(MAGIC)) return undefined;
    const field = Buffer.from(bytes.buffer, bytes.byteOffset + MAGIC.length + 1, KEY_ID_BYTES);
    const end = field.indexOf(0);
    return field.subarray(0, end === -1 ? KEY_ID_BYTES : end).toString('utf8');
  }

  /** Whether a stored value is as the current configuration would write it (sealed with the current key, or plain without one). */
  isCurrent(stored: Uint8Array | string): boolean {
    return this.keyIdOf(stored) === this.#ring?.current.id;
  }
}

/** The cipher of a server without `DATA_ENCRYPTION_KEY`: stores and reads values as they are. */
export const NO_ENCRYPTION = new FieldCipher(undefined);
