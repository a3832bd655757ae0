import type { Selectable } from 'kysely';
import type { Database } from '../adapters/db/schema.js';
import type { SessionEventType } from '../services/session-events.js';

type EventRow = Selectable<Database['session_events']>;

/** What each event links to besides the session: the resource a receiver will want next. */
const LINKS: Record<SessionEventType, Record<string, (sessionId: string) => string>> = {
  'session.created': {},
  'session.started': {},
  'session.ended': {},
  'session.cancelled': {},
  'feedback.submitted': { scorecard: (id) => `/v1/sessions/${id}/scorecard` },
  'scorecard.completed': { scorecard: (id) => `/v1/sessions/${id}/scorecard` },
  'score.completed': { score: (id) => `/v1/sessions/${id}/score` },
  'report.ready': { report: (id) => `/v1/sessions/${id}/report` },
  'session.erased': {},
};

/**
 * The webhook body of an event: `{type, timestamp, data}` as Standard Webhooks suggests; `data`
 * holds the event's ids, times and reasons (the outbox never holds code or notes) and `links`,
 * absolute when the server knows its public URL. Serialized once, so every attempt sends, and
 * signs, the same bytes.
 */
export function webhookBody(event: EventRow, publicUrl: string | undefined): string {
  const data = JSON.parse(event.data) as Record<string, unknown>;
  const base = publicUrl ?? '';
  const session = encodeURIComponent(event.session_id);
  const links = Object.fromEntries(
    [['session', (id: string) => `/v1/sessions/${id}`] as const, ...Object.entries(LINKS[event.type] ?? {})].map(([name, path]) => [name, `${base}${path(session)}`]),
  );
  return JSON.stringify({ type: event.type, timestamp: event.created_at, data: { ...data, sessionId: event.session_id, eventId: event.id, links } });
}
