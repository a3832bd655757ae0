import { z } from 'zod';

/** Everything that happens to a session that the outside world hears of (as webhooks). */
export const SESSION_EVENT_TYPES = [
  'session.created',
  'session.started',
  'session.ended',
  'session.cancelled',
  'feedback.submitted',
  'scorecard.completed',
  'score.completed',
  'report.ready',
  'session.erased',
] as const;
export type SessionEventType = (typeof SESSION_EVENT_TYPES)[number];

export const EventType = z.enum(SESSION_EVENT_TYPES).meta({ id: 'EventType', description: 'What happened to a session' });
