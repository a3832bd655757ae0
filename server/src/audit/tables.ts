/** Rows of the audit log (migration `0011-data-lifecycle.ts`). */
declare module '../adapters/db/schema.js' {
  interface Database {
    /** One access to candidate data or one change, chained to the tenant's entry before it. */
    audit_entries: {
      tenant_id: string;
      /** 1, 2, 3, … per tenant: the entry's place in its chain. */
      seq: number;
      id: string;
      created_at: string;
      action: string;
      /** What was touched: `session:<id>`, `webhook:<id>`, `settings:retention`, `data-subject:<kind>:<id>`. */
      resource: string;
      session_id: string | null;
      actor_kind: 'api-key' | 'participant' | 'report-link' | 'system';
      /** The API key id, the participant id, the session of a report link, or the system job's name. */
      actor_id: string;
      actor_role: string | null;
      request_id: string | null;
      /** The client's address as `TRUST_PROXY` lets the server believe it. */
      client_address: string | null;
      /** JSON object: counts and ids, never candidate content. */
      detail: string | null;
      /** The hash of the tenant's entry before this one (64 zeros before the first). */
      prev_hash: string;
      /** SHA-256 over the entry's canonical serialisation, `prev_hash` included. */
      hash: string;
    };
    /** Each tenant's last link: every append locks this row, so chains never fork. */
    audit_heads: {
      tenant_id: string;
      seq: number;
      hash: string;
    };
  }
}

export {};
