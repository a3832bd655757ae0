import type { AuditAction } from '../schemas/data-lifecycle.js';

export { AUDIT_ACTIONS, type AuditAction } from '../schemas/data-lifecycle.js';

/** How the resource of an audited route is named from its path parameters. */
type ResourceOf = (params: Record<string, string>) => { resource: string; sessionId?: string };

const session: ResourceOf = ({ id }) => ({ resource: `session:${id}`, sessionId: id! });
const webhook: ResourceOf = ({ id }) => ({ resource: `webhook:${id}` });
const fixed = (resource: string): ResourceOf => () => ({ resource });

/**
 * The audited routes (`METHOD path` as registered) and what a successful call records. Routes whose
 * session is not in the path (creation, runs, report links) get it from the caller or the answer
 * (`http-trail.ts`); erasure and data-subject erasure record themselves, inside their transaction.
 */
export const AUDITED_ROUTES: Record<string, { action: AuditAction; resourceOf: ResourceOf }> = {
  'POST /v1/sessions': { action: 'session.create', resourceOf: fixed('session') },
  'GET /v1/sessions': { action: 'session.list', resourceOf: fixed('sessions') },
  'GET /v1/sessions/:id': { action: 'session.read', resourceOf: session },
  'PATCH /v1/sessions/:id': { action: 'session.update', resourceOf: session },
  'POST /v1/sessions/:id/tokens': { action: 'token.issue', resourceOf: session },
  'POST /v1/sessions/:id/start': { action: 'session.start', resourceOf: session },
  'POST /v1/sessions/:id/end': { action: 'session.end', resourceOf: session },
  'POST /v1/sessions/:id/cancel': { action: 'session.cancel', resourceOf: session },
  'POST /v1/sessions/:id/extend': { action: 'session.extend', resourceOf: session },
  'GET /v1/sessions/:id/export': { action: 'session.export', resourceOf: session },
  'POST /v1/sessions/:id/collab-ticket': { action: 'collab.join', resourceOf: session },
  'GET /v1/sessions/:id/timeline': { action: 'timeline.read', resourceOf: session },
  'GET /v1/sessions/:id/runs': { action: 'runs.read', resourceOf: session },
  'GET /v1/sessions/:id/chat': { action: 'chat.read', resourceOf: session },
  'POST /v1/runs': { action: 'run.create', resourceOf: fixed('session') },
  'POST /v1/sessions/:id/recording-consent': { action: 'recording.consent', resourceOf: session },
  'POST /v1/sessions/:id/recordings': { action: 'recording.begin', resourceOf: session },
  // Listing mints the playback links; each range request of a playing link is not entered again.
  'GET /v1/sessions/:id/recordings': { action: 'recordings.read', resourceOf: session },
  'GET /v1/sessions/:id/transcript': { action: 'transcript.read', resourceOf: session },
  'GET /v1/sessions/:id/assistant': { action: 'assistant.read', resourceOf: session },
  'GET /v1/sessions/:id/feedback': { action: 'feedback.read', resourceOf: session },
  'PUT /v1/sessions/:id/feedback/draft': { action: 'feedback.update', resourceOf: session },
  'POST /v1/sessions/:id/feedback': { action: 'feedback.submit', resourceOf: session },
  'GET /v1/sessions/:id/scorecard': { action: 'scorecard.read', resourceOf: session },
  'GET /v1/sessions/:id/score': { action: 'score.read', resourceOf: session },
  'POST /v1/sessions/:id/score': { action: 'score.request', resourceOf: session },
  'GET /v1/sessions/:id/report': { action: 'report.read', resourceOf: session },
  'GET /v1/sessions/:id/report.html': { action: 'report.read', resourceOf: session },
  'GET /v1/sessions/:id/report.pdf': { action: 'report.read', resourceOf: session },
  'POST /v1/sessions/:id/report-links': { action: 'report-link.create', resourceOf: session },
  'GET /v1/report-links/:token/report.html': { action: 'report.read', resourceOf: fixed('session') },
  'GET /v1/report-links/:token/report.pdf': { action: 'report.read', resourceOf: fixed('session') },
  'POST /v1/webhooks': { action: 'webhook.create', resourceOf: fixed('webhook') },
  'PATCH /v1/webhooks/:id': { action: 'webhook.update', resourceOf: webhook },
  'DELETE /v1/webhooks/:id': { action: 'webhook.delete', resourceOf: webhook },
  'POST /v1/webhooks/:id/rotate-secret': { action: 'webhook.rotate-secret', resourceOf: webhook },
  'POST /v1/webhooks/:id/deliveries/:deliveryId/retry': { action: 'webhook.retry', resourceOf: webhook },
  'GET /v1/settings/retention': { action: 'settings.read', resourceOf: fixed('settings:retention') },
  'PUT /v1/settings/retention': { action: 'settings.update', resourceOf: fixed('settings:retention') },
  'POST /v1/data-subjects/export': { action: 'data-subject.export', resourceOf: fixed('data-subject') },
};
