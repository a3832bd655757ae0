import { fileURLToPath } from 'node:url';
import express from 'express';
import { ELEMENTS_DIR } from './elements-bundle.js';
import { toFormErrors, toSessionRequest, LANGUAGES } from './interview-form.js';
import { InterviewKitError } from './interview-kit-client.js';
import { pageLimit, sendProblem, sendUpstreamError } from './problems.js';
import { registerQuestionBankRoutes } from './question-bank-routes.js';
import { toListedInterview } from './interview-summary.js';
import { createWebhookInbox } from './webhook-inbox.js';
import { createWebhookVerifier } from './webhook-receiver.js';

/** Where the portal receives Interview Kit's webhooks. */
export const WEBHOOK_PATH = '/webhooks/interview-kit';

/** How long a report link the portal hands out stays valid: long enough to open and read it. */
const REPORT_LINK_SECONDS = 15 * 60;

const publicDir = fileURLToPath(new URL('../public/', import.meta.url));

/** Interviews per page of the list, unless the page asks for another number (1 to 100). */
const DEFAULT_PAGE_SIZE = 10;

/**
 * The portal's Content Security Policy. `<interview-room>` talks to the Interview Kit server
 * itself: its REST API over http(s), collaboration and signaling over ws(s), so both origins are
 * allowed beside our own. Camera and microphone streams play from MediaStream objects, which need
 * no media source. The elements set a few CSS custom properties in `style` attributes (pane sizes,
 * presence colours), hence inline style attributes, and only those, are allowed; scripts come
 * from this origin only, and nothing needs `eval`.
 *
 * @param {string} serverUrl
 */
function contentSecurityPolicy(serverUrl) {
  const server = new URL(serverUrl);
  const socket = new URL(serverUrl);
  socket.protocol = server.protocol === 'https:' ? 'wss:' : 'ws:';
  return [
    "default-src 'self'",
    "script-src 'self'",
    `connect-src 'self' ${server.origin} ${socket.origin}`,
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The Acme Hiring portal: its pages, the small JSON API they call (the question bank's in
 * question-bank-routes.js), and the endpoint that receives Interview Kit's webhooks. The API key stays in `interviewKit`; the browser only ever receives
 * per-participant tokens and short-lived report links. The portal keeps no list of its own: the
 * interviews, their states and their participants come from the Interview Kit server every time;
 * beside each, the list shows what the webhooks told (`inbox`): score and report.
 *
 * @param {{
 *   interviewKit: ReturnType<typeof import('./interview-kit-client.js').createInterviewKitClient>,
 *   serverUrl: string,
 *   elementsDir?: string,
 *   inbox?: import('./webhook-inbox.js').WebhookInbox,
 *   verifier?: import('./webhook-receiver.js').WebhookVerifier,
 * }} deps `elementsDir`: the Interview Kit browser bundle served at `/interview-kit/`; `verifier`
 *   checks webhook deliveries once it has the secret of the portal's registered webhook
 */
export function createPortalApp({
  interviewKit,
  serverUrl,
  elementsDir = ELEMENTS_DIR,
  inbox = createWebhookInbox(),
  verifier = createWebhookVerifier(),
}) {
  const app = express();
  app.disable('x-powered-by');
  const csp = contentSecurityPolicy(serverUrl);

  app.use((_req, res, next) => {
    res.set({
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    next();
  });

  // Interview Kit's webhooks: verified on the raw body, each webhook-id taken once. A repeat is
  // answered 200 too, so the server stops sending it.
  app.post(WEBHOOK_PATH, express.raw({ type: () => true, limit: '64kb' }), (req, res) => {
    res.set('Cache-Control', 'no-store');
    if (!verifier.ready) {
      res.set('Retry-After', '5');
      sendProblem(res, 503, { title: 'Service Unavailable', detail: 'The portal has not registered its webhook yet.' });
      return;
    }
    let delivery;
    try {
      delivery = verifier.verify(Buffer.isBuffer(req.body) ? req.body : '', req.headers);
    } catch {
      sendProblem(res, 401, { title: 'Unauthorized', detail: 'The webhook signature or timestamp does not verify.' });
      return;
    }
    const news = inbox.take(delivery.webhookId, delivery.event);
    res.json({ received: true, duplicate: !news });
  });

  app.use('/api', (req, res, next) => {
    res.set('Cache-Control', 'no-store');
    // JSON only: a cross-site HTML form cannot send it, which keeps these endpoints out of CSRF reach.
    const length = req.headers['content-length'];
    const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
    if (req.method === 'POST' && hasBody && !req.is('application/json')) {
      sendProblem(res, 415, { title: 'Unsupported Media Type', detail: 'Send JSON (Content-Type: application/json).' });
      return;
    }
    next();
  });
  app.use('/api', express.json({ limit: '512kb' }));

  /** An interview in the list's shape, with what the webhooks told of it. @param {Parameters<typeof toListedInterview>[0]} session */
  const listed = (session) => toListedInterview(session, inbox.outcomeOf(session.id));

  app.get('/api/config', (_req, res) => {
    res.json({ serverUrl, languages: LANGUAGES });
  });

  // One page of interviews, newest first, straight from the Interview Kit server; `cursor` is the
  // previous page's `nextCursor`.
  app.get('/api/sessions', async (req, res) => {
    const limit = pageLimit(req.query.limit, DEFAULT_PAGE_SIZE);
    if (limit === undefined) {
      sendProblem(res, 400, { title: 'Bad Request', detail: 'limit: a whole number from 1 to 100.' });
      return;
    }
    const cursor = typeof req.query.cursor === 'string' && req.query.cursor !== '' ? req.query.cursor : undefined;
    try {
      const page = await interviewKit.listSessions({ limit, ...(cursor === undefined ? {} : { cursor }) });
      res.json({ sessions: page.sessions.map(listed), nextCursor: page.nextCursor });
    } catch (error) {
      sendUpstreamError(res, error);
    }
  });

  // What the webhooks tell, as it arrives: one `{ sessionId, outcome }` message per change, so the
  // list shows a score or a report link without reloading.
  app.get('/api/outcomes', (req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' });
    res.write('retry: 5000\n\n');
    const stop = inbox.subscribe((sessionId, outcome) => res.write(`data: ${JSON.stringify({ sessionId, outcome })}\n\n`));
    const keepAlive = setInterval(() => res.write(': still here\n\n'), 25_000);
    req.on('close', () => {
      stop();
      clearInterval(keepAlive);
    });
  });

  // The schedule form. The page sends one `Idempotency-Key` per submission: a double click or a
  // retry after a lost answer gets the interview the first attempt created, not a second one.
  app.post('/api/sessions', async (req, res) => {
    const idempotencyKey = req.get('idempotency-key');
    const { request, errors } = toSessionRequest(req.body ?? {}, idempotencyKey === undefined ? {} : { idempotencyKey });
    if (errors) {
      sendProblem(res, 400, { title: 'Bad Request', detail: 'Some fields need attention.', errors });
      return;
    }
    try {
      const created = await interviewKit.createSession(request, idempotencyKey === undefined ? {} : { idempotencyKey });
      res.status(201).json({ session: listed(await interviewKit.getSession(created.id)) });
    } catch (error) {
      sendUpstreamError(res, error, toFormErrors);
    }
  });

  // Cancels a scheduled interview; its participant links stop working. A started one answers 409.
  app.post('/api/sessions/:sessionId/cancel', async (req, res) => {
    try {
      res.json({ session: listed(await interviewKit.cancelSession(req.params.sessionId)) });
    } catch (error) {
      sendUpstreamError(res, error);
    }
  });

  // The combined feedback of an interview, for the scorecard page.
  app.get('/api/sessions/:sessionId/scorecard', async (req, res) => {
    try {
      const [session, scorecard] = await Promise.all([
        interviewKit.getSession(req.params.sessionId),
        interviewKit.getScorecard(req.params.sessionId),
      ]);
      res.json({ session: listed(session), scorecard });
    } catch (error) {
      sendUpstreamError(res, error);
    }
  });

  /** A participant link that leads nowhere: an unknown interview or participant. */
  const noSuchParticipant = (/** @type {import('express').Response} */ res) =>
    sendProblem(res, 404, { title: 'Not Found', detail: 'This portal has no such interview participant.' });
  /** Whether the server's answer means "no such session or participant" (a malformed id included). */
  const isUnknown = (/** @type {unknown} */ error) => error instanceof InterviewKitError && (error.status === 404 || error.status === 400);

  // Who a participant page is for, and the interview's state: the page picks the elements for
  // the role before the room connects, and says so instead when the interview is cancelled or over.
  app.get('/api/sessions/:sessionId/participants/:participantId', async (req, res) => {
    let session;
    try {
      session = await interviewKit.getSession(req.params.sessionId);
    } catch (error) {
      if (isUnknown(error)) noSuchParticipant(res);
      else sendUpstreamError(res, error);
      return;
    }
    const participant = session.participants.find((p) => p.id === req.params.participantId);
    if (!participant) {
      noSuchParticipant(res);
      return;
    }
    const { id, title, status, scheduledAt } = session;
    res.json({
      session: { id, title, language: session.question.language, status, scheduledAt },
      participant: { id: participant.id, name: participant.name, role: participant.role },
    });
  });

  // The host's token provider. A real host would first check that the signed-in user is this
  // participant; this example has no accounts, so knowing the link is enough. A cancelled
  // interview issues no tokens (409 from the server, passed on).
  app.post('/api/sessions/:sessionId/participants/:participantId/token', async (req, res) => {
    try {
      const { token, expiresAt, role } = await interviewKit.issueToken(req.params.sessionId, req.params.participantId);
      res.json({ token, expiresAt, role });
    } catch (error) {
      if (isUnknown(error)) noSuchParticipant(res);
      else sendUpstreamError(res, error);
    }
  });

  registerQuestionBankRoutes(app, { interviewKit });

  app.use('/api', (_req, res) => {
    sendProblem(res, 404, { title: 'Not Found', detail: 'No such portal API endpoint.' });
  });

  // The elements' chunk names carry a content hash, so only the entry module is revalidated.
  app.use(
    '/interview-kit',
    express.static(elementsDir, {
      setHeaders(res, path) {
        res.set('Cache-Control', /[\\/]chunks[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
    (_req, res) => {
      res.status(404).type('text/plain').send('Not found. Are the Interview Kit elements built? Run `npm run build` at the repository root.');
    },
  );

  app.get('/room/:sessionId/:participantId', (_req, res) => {
    res.sendFile('room.html', { root: publicDir });
  });
  app.get('/sessions/:sessionId/scorecard', (_req, res) => {
    res.sendFile('scorecard.html', { root: publicDir });
  });

  // The report, HTML or PDF: the portal asks for a short-lived signed link with its API key and
  // sends the browser there, so the report opens without the key ever leaving this backend.
  for (const [file, linkOf] of /** @type {const} */ ([
    ['report', (/** @type {{ url: string }} */ link) => link.url],
    ['report.pdf', (/** @type {{ pdfUrl: string }} */ link) => link.pdfUrl],
  ])) {
    app.get(`/sessions/:sessionId/${file}`, async (req, res) => {
      try {
        const link = await interviewKit.createReportLink(req.params.sessionId, REPORT_LINK_SECONDS);
        res.set('Cache-Control', 'no-store').redirect(303, linkOf(link));
      } catch (error) {
        sendUpstreamError(res, error);
      }
    });
  }
  app.use(express.static(publicDir));

  /** @type {import('express').ErrorRequestHandler} */
  const onError = (error, _req, res, _next) => {
    if (error?.type === 'entity.parse.failed') {
      sendProblem(res, 400, { title: 'Bad Request', detail: 'The request body is not valid JSON.' });
    } else if (error?.type === 'entity.too.large') {
      sendProblem(res, 413, { title: 'Content Too Large', detail: 'The form is too large to send.' });
    } else {
      console.error(JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'request failed', error: String(error) }));
      sendProblem(res, 500, { title: 'Internal Server Error', detail: 'The portal failed; see its log.' });
    }
  };
  app.use(onError);

  return app;
}
