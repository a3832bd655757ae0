/** Rows of the data lifecycle (migration `0011-data-lifecycle.ts`). */
declare module '../adapters/db/schema.js' {
  interface Database {
    /** What is left of an erased session: ids and times, no personal data. */
    session_tombstones: {
      session_id: string;
      tenant_id: string;
      erased_at: string;
      /** `api-key:<id>` or `system:retention`. */
      erased_by: string;
      reason: 'request' | 'data-subject' | 'retention';
    };
    /** A tenant's retention policy, as JSON (see `retention.ts`). */
    retention_policies: {
      tenant_id: string;
      policy: string;
      updated_at: string;
    };
  }
}

export {};
