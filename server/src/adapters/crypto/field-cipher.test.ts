import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import * as Y from 'yjs';
import { FieldCipher, FieldDecryptionError, NO_ENCRYPTION, SEALED_OVERHEAD, type FieldContext } from './field-cipher.js';

const key = (id: string) => ({ id, key: randomBytes(32) });
const k1 = key('k1');
const k2 = key('k2');
const here: FieldContext = { table: 'collab_updates', column: 'update', sessionId: 's1', row: 's1/private' };

function yjsUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('notes').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

test('seals bytes and text so that neither shows the plaintext, and opens them again', () => {
  const cipher = new FieldCipher({ current: k1, old: [] });
  const update = yjsUpdate('secret notes');
  const sealed = cipher.sealBytes(update, here);
  assert.ok(!Buffer.from(sealed).includes('secret notes'));
  assert.equal(sealed.byteLength, update.byteLength + SEALED_OVERHEAD);
  assert.deepEqual(Buffer.from(cipher.openBytes(sealed, here)), Buffer.from(update));
  assert.notDeepEqual(Buffer.from(cipher.sealBytes(update, here)), Buffer.from(sealed), 'a fresh IV each time');

  const text = cipher.sealText('{"summary":"secret feedback"}', here);
  assert.match(text, /^ikenc:/);
  assert.ok(!text.includes('secret'));
  assert.equal(cipher.openText(text, here), '{"summary":"secret feedback"}');
  assert.equal(cipher.keyIdOf(text), 'k1');
  assert.equal(cipher.keyIdOf(sealed), 'k1');
});

test('passes plain values through: those written before a key existed, and everything without a key', () => {
  const cipher = new FieldCipher({ current: k1, old: [] });
  const update = yjsUpdate('written before the key');
  const empty = yjsUpdate('');
  assert.equal(cipher.openBytes(update, here), update);
  assert.equal(cipher.openBytes(empty, here), empty, 'an empty update (00 00) is plain');
  assert.equal(cipher.openText('{"summary":"old"}', here), '{"summary":"old"}');
  assert.equal(cipher.keyIdOf(update), undefined);
  assert.equal(NO_ENCRYPTION.sealBytes(update, here), update);
  assert.equal(NO_ENCRYPTION.sealText('{}', here), '{}');
});

test('refuses, never garbles: a flipped bit, another row, an unknown or missing key', () => {
  const cipher = new FieldCipher({ current: k1, old: [] });
  const sealed = Buffer.from(cipher.sealBytes(yjsUpdate('notes'), here));
  const flipped = Buffer.from(sealed);
  flipped[flipped.length - 17]! ^= 0x80;
  assert.throws(() => cipher.openBytes(flipped, here), FieldDecryptionError);
  assert.throws(() => cipher.openBytes(sealed, { ...here, row: 's1' }), /authentication failed: the value was altered or belongs to another row/, 'the notes moved into the shared document');
  assert.throws(() => cipher.openBytes(sealed, { ...here, sessionId: 's2', row: 's2/private' }), /belongs to another row/);
  assert.throws(() => new FieldCipher({ current: k2, old: [] }).openBytes(sealed, here), /sealed with key "k1", which is neither DATA_ENCRYPTION_KEY nor in DATA_ENCRYPTION_OLD_KEYS/);
  assert.throws(() => NO_ENCRYPTION.openBytes(sealed, here), /sealed with key "k1" but DATA_ENCRYPTION_KEY is not set/);
  assert.throws(() => cipher.openText('ikenc:bm90IHNlYWxlZA==', here), /not a sealed value/);
});

test('opens values of an old key while sealing with the current one', () => {
  const sealedWithOld = new FieldCipher({ current: k1, old: [] }).sealText('{"a":1}', here);
  const rotated = new FieldCipher({ current: k2, old: [k1] });
  assert.equal(rotated.openText(sealedWithOld, here), '{"a":1}');
  assert.equal(rotated.isCurrent(sealedWithOld), false);
  assert.equal(rotated.isCurrent(rotated.sealText('{"a":1}', here)), true);
  assert.equal(rotated.isCurrent('{"a":1}'), false, 'a plain value is not yet as the current key writes it');
});
