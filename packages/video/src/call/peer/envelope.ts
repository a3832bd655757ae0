// Signaling messages are encrypted exactly as y-webrtc encrypts its own (AES-GCM with a key
// derived from the session's room secret), because they share the session's signaling topic:
// the server relays only ciphertext, and the editor's y-webrtc peers can decrypt these messages
// and ignore them instead of failing on them.
//
// Wire format (lib0 encoding, as y-webrtc's crypto.js): varString "AES-GCM", varUint8Array iv,
// varUint8Array ciphertext. The plaintext is a lib0 "any" string (tag 119) holding JSON, which
// y-webrtc reads as a string and drops, since it only acts on objects with its own types.

const ANY_STRING_TAG = 119;

/** Derives the AES-GCM key from the room secret, salted with the room name (PBKDF2, as y-webrtc). */
export async function deriveRoomKey(secret: string, roomName: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', utf8(secret), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', salt: utf8(roomName), iterations: 100_000, hash: 'SHA-256' },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Encrypts a JSON value into the base64 text a `publish` message carries. */
export async function seal(value: unknown, key: CryptoKey): Promise<string> {
  const plain = new Writer();
  plain.byte(ANY_STRING_TAG);
  plain.string(JSON.stringify(value));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain.bytes()));
  const sealed = new Writer();
  sealed.string('AES-GCM');
  sealed.array(iv);
  sealed.array(cipher);
  return toBase64(sealed.bytes());
}

/** Decrypts a `publish` message's data; `undefined` for anything that is not one of ours (y-webrtc's own, undecryptable). */
export async function open(data: string, key: CryptoKey): Promise<unknown> {
  try {
    const sealed = new Reader(fromBase64(data));
    if (sealed.string() !== 'AES-GCM') return undefined;
    const iv = sealed.array();
    const cipher = sealed.array();
    const plain = new Reader(new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, cipher)));
    if (plain.byte() !== ANY_STRING_TAG) return undefined;
    return JSON.parse(plain.string());
  } catch {
    return undefined;
  }
}

function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>;
}

class Writer {
  readonly #parts: number[] = [];
  byte(value: number): void {
    this.#parts.push(value);
  }
  uint(value: number): void {
    while (value > 0x7f) {
      this.#parts.push(0x80 | (value & 0x7f));
      value = Math.floor(value / 128);
    }
    this.#parts.push(value);
  }
  array(bytes: Uint8Array): void {
    this.uint(bytes.length);
    for (const b of bytes) this.#parts.push(b);
  }
  string(text: string): void {
    this.array(utf8(text));
  }
  bytes(): Uint8Array<ArrayBuffer> {
    return Uint8Array.from(this.#parts);
  }
}

class Reader {
  #pos = 0;
  constructor(readonly data: Uint8Array<ArrayBuffer>) {}
  byte(): number {
    if (this.#pos >= this.data.length) throw new RangeError('truncated');
    return this.data[this.#pos++]!;
  }
  uint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
      if (scale > 2 ** 49) throw new RangeError('varuint too long');
    }
  }
  array(): Uint8Array<ArrayBuffer> {
    const length = this.uint();
    if (this.#pos + length > this.data.length) throw new RangeError('truncated');
    const out = this.data.slice(this.#pos, this.#pos + length);
    this.#pos += length;
    return out;
  }
  string(): string {
    return new TextDecoder().decode(this.array());
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}
