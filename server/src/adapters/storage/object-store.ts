/**
 * Where large binary objects live (recordings): keys are `/`-separated paths such as
 * `recordings/{tenant}/{session}/{participant}/{recording}/{seq}`. Objects are written whole and
 * never changed; a prefix goes at once (erasure, retention).
 */
export interface ObjectStore {
  /** Writes `body` under `key`, replacing what was there. */
  put(key: string, body: Uint8Array): Promise<void>;
  /** The object's bytes. @throws {ObjectNotFoundError} */
  get(key: string): Promise<Buffer>;
  /** Removes every object whose key starts with `prefix`; resolves how many went. */
  deletePrefix(prefix: string): Promise<number>;
  /** Every key under `prefix`, in key order (tests and erasure checks). */
  list(prefix: string): Promise<string[]>;
}

export class ObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no stored object ${key}`);
    this.name = 'ObjectNotFoundError';
  }
}

/** Keys are built by the server from ids: letters, digits, `.`, `_`, `-`, `/` between non-empty parts. */
const KEY = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/?$/;

/** @throws {Error} for a key that could leave its store (`..`, absolute, odd characters). */
export function checkKey(key: string): string {
  if (!KEY.test(key) || key.split('/').some((part) => part === '.' || part === '..')) throw new Error(`not a storage key: ${JSON.stringify(key)}`);
  return key;
}
