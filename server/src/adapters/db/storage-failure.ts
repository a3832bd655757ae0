/**
 * Recognises the database and file-system errors that mean "storage cannot take writes now" —
 * a full disk, read-only storage, an I/O error — as opposed to a bug or bad input. Such failures
 * are the operator's to fix and pass once fixed, so callers answer them with 503, not 500.
 */
export type StorageFailure = 'full' | 'read-only' | 'io';

/** SQLite primary result codes (extended codes such as `SQLITE_IOERR_WRITE` start with them). */
const SQLITE: [prefix: string, failure: StorageFailure][] = [
  ['SQLITE_FULL', 'full'],
  ['SQLITE_READONLY', 'read-only'],
  ['SQLITE_IOERR', 'io'],
];

/** PostgreSQL SQLSTATEs: disk_full, read_only_sql_transaction, io_error. */
const POSTGRES: Record<string, StorageFailure> = { '53100': 'full', '25006': 'read-only', '58030': 'io' };

/** Node's file-system errors. */
const ERRNO: Record<string, StorageFailure> = { ENOSPC: 'full', EDQUOT: 'full', EROFS: 'read-only', EIO: 'io' };

/** What kind of storage failure `error` (or an error in its `cause` chain) is, if it is one. */
export function storageFailureOf(error: unknown): StorageFailure | undefined {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      const failure = SQLITE.find(([prefix]) => code === prefix || code.startsWith(`${prefix}_`))?.[1] ?? POSTGRES[code] ?? ERRNO[code];
      if (failure) return failure;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A sentence for people: what the failure means for their request. */
export function describeStorageFailure(failure: StorageFailure): string {
  switch (failure) {
    case 'full':
      return "the server's storage is full, so the change could not be saved; try again once the operator has freed space";
    case 'read-only':
      return "the server's storage is read-only, so the change could not be saved; try again later";
    case 'io':
      return "the server could not read or write its storage (an I/O error); try again later";
  }
}
