import type { Generated } from 'kysely';
import type { SessionEventType } from '../../schemas/events.js';

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
    /** Position of the current question in the session's plan (`session_questions`); 0 for a question written inline. */
    question_index: Generated<number>;
    /** Integrity signals: `record` (after the candidate's consent) or `off`; see `integrity/`. */
    integrity: Generated<'off' | 'record'>;
    /** Recording of the call: `off`, `audio` or `audio+video` (after every participant's consent); see `recordings/`. */
    recording: Generated<'off' | 'audio' | 'audio+video'>;
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
    type: SessionEventType;
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
  /** The durable job queue (`jobs/`): one row per job, unique per kind and key. */
  jobs: {
    id: string;
    /** The tenant the job works for; `null` for the server's own jobs. */
    tenant_id: string | null;
    kind: string;
    /** The idempotency key: enqueuing the same kind and key again is a no-op. */
    key: string;
    /** JSON object. */
    payload: string;
    /** queued → running → done; running → failed (retried at `run_at`) or dead after the last attempt. */
    state: 'queued' | 'running' | 'failed' | 'done' | 'dead';
    attempts: Generated<number>;
    /** Fixed when the job last failed, from its kind's registration. */
    max_attempts: number | null;
    run_at: string;
    locked_by: string | null;
    /** A running job whose lease ran out (its worker died) is claimed again. */
    locked_until: string | null;
    last_error: string | null;
    created_at: string;
    updated_at: string;
    finished_at: string | null;
  };
  /** Where a tenant wants its events sent (`webhooks/`). */
  webhook_endpoints: {
    id: string;
    tenant_id: string;
    url: string;
    /** JSON array of event types. */
    events: string;
    description: string | null;
    /** `whsec_…`: the Standard Webhooks signing secret. */
    secret: string;
    /** The secret before the last rotation, still signed with until `previous_secret_expires_at`. */
    previous_secret: string | null;
    previous_secret_expires_at: string | null;
    status: 'enabled' | 'disabled';
    /** The first failed attempt since the last success; `null` while deliveries succeed. */
    failing_since: string | null;
    disabled_at: string | null;
    disabled_reason: string | null;
    created_at: string;
    updated_at: string;
  };
  /** One event sent (or to be sent) to one endpoint; its id is the stable `webhook-id`. The next attempt is its job's `run_at`. */
  webhook_deliveries: {
    id: string;
    endpoint_id: string;
    tenant_id: string;
    event_id: string;
    /** The event's place in the outbox: deliveries of one session reach an endpoint in this order. */
    event_seq: number;
    session_id: string;
    type: SessionEventType;
    /** The exact JSON body sent on every attempt. */
    body: string;
    status: 'pending' | 'retrying' | 'succeeded' | 'failed' | 'cancelled';
    attempts: Generated<number>;
    response_status: number | null;
    last_error: string | null;
    duration_ms: number | null;
    created_at: string;
    first_attempt_at: string | null;
    last_attempt_at: string | null;
    delivered_at: string | null;
  };
  /** A single row rewritten by the readiness check (`write-probe.ts`). */
  write_probe: {
    id: number;
    checked_at: string;
  };
}
