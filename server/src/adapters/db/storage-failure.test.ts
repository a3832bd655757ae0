import assert from 'node:assert/strict';
import { test } from 'node:test';
import { storageFailureOf } from './storage-failure.js';

const withCode = (code: string, cause?: unknown) => Object.assign(new Error(code), { code }, cause ? { cause } : {});

test('SQLite, PostgreSQL and file-system codes of full, read-only and failing storage are recognised', () => {
  const cases: [string, string][] = [
    ['SQLITE_FULL', 'full'],
    ['SQLITE_READONLY', 'read-only'],
    ['SQLITE_READONLY_DBMOVED', 'read-only'],
    ['SQLITE_IOERR', 'io'],
    ['SQLITE_IOERR_WRITE', 'io'],
    ['53100', 'full'],
    ['25006', 'read-only'],
    ['58030', 'io'],
    ['ENOSPC', 'full'],
    ['EROFS', 'read-only'],
  ];
  for (const [code, failure] of cases) assert.equal(storageFailureOf(withCode(code)), failure, code);
});

test('a storage failure is found behind wrapping errors; other errors are not storage failures', () => {
  assert.equal(storageFailureOf(new Error('migration failed', { cause: withCode('SQLITE_FULL') })), 'full');
  for (const other of [withCode('SQLITE_CONSTRAINT_UNIQUE'), withCode('SQLITE_FULLY_MADE_UP'), withCode('23505'), new Error('boom'), undefined, 'text']) {
    assert.equal(storageFailureOf(other), undefined, String(other));
  }
});
