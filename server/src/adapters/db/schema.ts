import type { Generated } from 'kysely';

/** Table row shapes. Timestamps are ISO 8601 strings so both engines store them alike. */
export interface Database {
  tenants: {
    id: string;
    name: string;
    created_at: string;
  };
  api_keys: {
    id: string;
    tenant_id: string;
    /** SHA-256 of the whole key, hex. Keys are 256-bit random, so a fast hash is enough. */
    key_hash: string;
    label: string;
    created_at: string;
    revoked_at: string | null;
  };
  sessions: {
    id: string;
    tenant_id: string;
    title: string;
    /** The question as JSON text, hidden tests included. */
    question: string;
    duration_minutes: number | null;
    status: 'active' | 'ended';
    created_at: string;
    ended_at: string | null;
  };
  participants: {
    session_id: string;
    id: string;
    name: string;
    role: 'candidate' | 'interviewer' | 'observer';
    position: Generated<number>;
  };
  /** A single row rewritten by the readiness check (`write-probe.ts`). */
  write_probe: {
    id: number;
    checked_at: string;
  };
}
