import { createHash } from 'node:crypto';

/** The hash an entry links to when it is the first of its tenant's chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit entry that its hash covers, in the order they are serialised. */
export interface ChainedFields {
  tenantId: string;
  seq: number;
  createdAt: string;
  action: string;
  resource: string;
  sessionId: string | null;
  actorKind: string;
  actorId: string;
  actorRole: string | null;
  requestId: string | null;
  clientAddress: string | null;
  /** The detail as stored (JSON text), or null. */
  detail: string | null;
  prevHash: string;
}

/**
 * The canonical serialisation of an entry: a JSON array of its fields in a fixed order (strings,
 * numbers and nulls only, so every engine and every version of this code writes the same bytes).
 */
export function canonicalOf(fields: ChainedFields): string {
  return JSON.stringify([
    fields.tenantId,
    fields.seq,
    fields.createdAt,
    fields.action,
    fields.resource,
    fields.sessionId,
    fields.actorKind,
    fields.actorId,
    fields.actorRole,
    fields.requestId,
    fields.clientAddress,
    fields.detail,
    fields.prevHash,
  ]);
}

/** SHA-256 (hex) of the entry's canonical serialisation. */
export function hashOf(fields: ChainedFields): string {
  return createHash('sha256').update(canonicalOf(fields)).digest('hex');
}

/**
 * Walks a tenant's chain in `seq` order, a batch at a time. The first entry kept anchors the walk
 * (older ones may have been removed by the retention policy): from there, each entry must hash to
 * its stored hash, follow its predecessor's `seq` by one and carry its predecessor's hash; the
 * last must be the chain's recorded head, so that removing entries at the end is noticed too.
 */
export class ChainWalk {
  #checked = 0;
  #previous: { seq: number; hash: string } | undefined;
  #broken: number | undefined;

  /** Checks the next entry in order; false once the chain is broken. */
  next(entry: ChainedFields & { hash: string }): boolean {
    if (this.#broken !== undefined) return false;
    this.#checked++;
    const linked = this.#previous
      ? entry.seq === this.#previous.seq + 1 && entry.prevHash === this.#previous.hash
      : entry.seq !== 1 || entry.prevHash === GENESIS_HASH;
    if (!linked || hashOf(entry) !== entry.hash) {
      this.#broken = entry.seq;
      return false;
    }
    this.#previous = { seq: entry.seq, hash: entry.hash };
    return true;
  }

  /** The outcome, given the chain's recorded head (`undefined`: nothing was ever appended). */
  result(head: { seq: number; hash: string } | undefined): { ok: boolean; checked: number; firstBrokenSeq?: number } {
    if (this.#broken === undefined && head && head.seq > 0) {
      const last = this.#previous;
      if (!last || last.seq !== head.seq || last.hash !== head.hash) this.#broken = (last?.seq ?? 0) + 1;
    }
    return this.#broken === undefined ? { ok: true, checked: this.#checked } : { ok: false, checked: this.#checked, firstBrokenSeq: this.#broken };
  }
}
