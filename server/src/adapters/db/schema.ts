import type { Generated } from 'kysely';

/** A session's state; see `services/lifecycle.ts`. */
export type SessionStatusValue = 'scheduled' | 'live' | 'ended' | 'cancelled';

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
    status: SessionStatusValue;
    created_at: string;
    ended_at: string | null;
    scheduled_at: string | null;
    started_at: string | null;
    /** Start + duration + extensions + the candidate's extra time; `null` before the start or without a duration. */
    ends_at: string | null;
    extended_minutes: Generated<number>;
    /** `host:<api key id>`, a participant id, or `server` (time, auto-start). */
    ended_by: string | null;
    end_reason: 'interviewer' | 'host' | 'time' | 'cancelled' | null;
    auto_start: Generated<'first-join' | 'all-joined' | 'manual'>;
    reveal_question: Generated<'on-start' | 'immediately'>;
    /** 1 when the server ends the session at `ends_at`. */
    auto_end: Generated<number>;
    external_id: string | null;
    /** A JSON object of strings, at most 4 KiB. */
    metadata: string | null;
  };
  session_create_keys: {
    tenant_id: string;
    key: string;
    request_hash: string;
    session_id: string;
    created_at: string;
  };
  /** The outbox: every state change of a session, written in the transaction that made it. */
  session_events: {
    seq: Generated<number>;
    id: string;
    tenant_id: string;
    session_id: string;
    type: 'session.created' | 'session.started' | 'session.ended' | 'session.cancelled';
    /** JSON object: ids, times, reasons; never code or notes. */
    data: string;
    created_at: string;
  };
  participants: {
    session_id: string;
    id: string;
    name: string;
    role: 'candidate' | 'interviewer' | 'observer';
    position: Generated<number>;
    extra_time_minutes: Generated<number>;
  };
  /** A single row rewritten by the readiness check (`write-probe.ts`). */
  write_probe: {
    id: number;
    checked_at: string;
  };
}
