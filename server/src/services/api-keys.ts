import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../adapters/db/database.js';

/** A host API key's identity once authenticated. */
export interface ApiKeyPrincipal {
  keyId: string;
  tenantId: string;
}

export interface CreatedApiKey {
  id: string;
  tenantId: string;
  /** The whole key; shown once, stored only as a hash. */
  key: string;
}

const PREFIX = 'ik_';
const hash = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * Keys look like `ik_<id>_<secret>`: the id finds the row, the hash of the whole key proves it.
 * Only the hash is stored, so a leaked database does not leak usable keys.
 */
export class ApiKeyService {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async ensureTenant(id: string, name: string): Promise<void> {
    const existing = await this.db.selectFrom('tenants').select('id').where('id', '=', id).executeTakeFirst();
    if (!existing) {
      await this.db.insertInto('tenants').values({ id, name, created_at: this.now().toISOString() }).execute();
    }
  }

  /** Creates a key for a tenant (creating the tenant if needed). */
  async create(tenantId: string, label: string): Promise<CreatedApiKey> {
    await this.ensureTenant(tenantId, tenantId);
    const id = randomBytes(6).toString('hex');
    const key = `${PREFIX}${id}_${randomBytes(32).toString('base64url')}`;
    await this.db
      .insertInto('api_keys')
      .values({ id, tenant_id: tenantId, key_hash: hash(key), label, created_at: this.now().toISOString(), revoked_at: null })
      .execute();
    return { id, tenantId, key };
  }

  /**
   * Makes sure a given key (from BOOTSTRAP_API_KEY) exists for the default tenant. Its id is
   * derived from the key, so restarts with the same key reuse the same row.
   */
  async ensureBootstrapKey(key: string, tenantId = 'default'): Promise<void> {
    await this.ensureTenant(tenantId, 'Default tenant');
    const id = `boot-${hash(key).slice(0, 12)}`;
    const existing = await this.db.selectFrom('api_keys').select('id').where('id', '=', id).executeTakeFirst();
    if (!existing) {
      await this.db
        .insertInto('api_keys')
        .values({ id, tenant_id: tenantId, key_hash: hash(key), label: 'bootstrap', created_at: this.now().toISOString(), revoked_at: null })
        .execute();
    }
  }

  async revoke(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: this.now().toISOString() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async list(): Promise<{ id: string; tenantId: string; label: string; createdAt: string; revokedAt: string | null }[]> {
    const rows = await this.db.selectFrom('api_keys').selectAll().orderBy('created_at').execute();
    return rows.map((r) => ({ id: r.id, tenantId: r.tenant_id, label: r.label, createdAt: r.created_at, revokedAt: r.revoked_at }));
  }

  /** Returns the key's principal, or `undefined` for an unknown, wrong or revoked key. */
  async authenticate(key: string): Promise<ApiKeyPrincipal | undefined> {
    const digest = hash(key);
    const id = keyId(key);
    const query = this.db.selectFrom('api_keys').select(['id', 'tenant_id', 'key_hash', 'revoked_at']);
    // Generated keys carry their id; bootstrap keys are found by their hash.
    const row = await (id ? query.where('id', '=', id) : query.where('key_hash', '=', digest)).executeTakeFirst();
    if (!row || row.revoked_at !== null) return undefined;
    if (!timingSafeEqual(Buffer.from(row.key_hash, 'hex'), Buffer.from(digest, 'hex'))) return undefined;
    return { keyId: row.id, tenantId: row.tenant_id };
  }
}

function keyId(key: string): string | undefined {
  const match = /^ik_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/.exec(key);
  return match?.[1];
}
