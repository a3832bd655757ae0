import express, { type Express } from 'express';
import helmet from 'helmet';
import { Api } from './api.js';
import { openApiDocument } from './openapi-document.js';
import type { AppContext, Services } from './context.js';
import { authenticate, callerKey, callerOf } from './middleware/auth.js';
import { cors } from './middleware/cors.js';
import { deferUnparsableBody } from './middleware/deferred-body.js';
import { notFoundHandler, problemHandler } from './middleware/errors.js';
import { rateLimit } from './middleware/rate-limit.js';
import { requestLog } from './middleware/request-log.js';
import { registerCollabRoutes } from './routes/collab.js';
import { registerConsoleRoutes } from './routes/console.js';
import { registerFeedbackRoutes } from './routes/feedback.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerJobRoutes } from './routes/jobs.js';
import { registerKitRoutes } from './routes/kits.js';
import { registerQuestionRoutes } from './routes/questions.js';
import { registerRunRoutes } from './routes/runs.js';
import { registerReportRoutes } from './routes/reports.js';
import { registerScoreRoutes } from './routes/scores.js';
import { registerSessionRoutes } from './routes/sessions.js';
import { registerWebhookRoutes } from './routes/webhooks.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerApiReferenceRoutes } from './routes/api-reference.js';
import { registerDataRoutes } from './routes/data.js';
import { registerIntegrityRoutes } from './routes/integrity.js';
import { registerRecordingRoutes } from './routes/recordings.js';
import { registerChatRoutes } from './routes/chat.js';
import { auditTrail } from './audit/http-trail.js';
import { rateLimitPerMinute } from './services/rate-limiter.js';

export interface App {
  app: Express;
  api: Api;
  ctx: AppContext;
}

/**
 * Builds the Express app over the composed services (see `composition.ts`) without listening, so
 * tests drive it in-process. Route modules only register routes.
 */
export function createApp(services: Services): App {
  const { config, logger, metrics, apiKeys, tokens } = services;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', 'simple');

  // Counted in Redis with several instances, so that the limits hold across all of them.
  const redis = services.scaleOut.cluster.redis;
  const keyLimiter = rateLimitPerMinute('key', config.rateLimit.perKeyPerMinute, redis);
  const ipLimiter = rateLimitPerMinute('ip', config.rateLimit.perIpPerMinute, redis);
  const ctx: AppContext = {
    ...services,
    guard: (...accept) => [
      authenticate({ apiKeys, tokens }, accept),
      rateLimit(keyLimiter, (_req, res) => callerKey(callerOf(res)), 'for this credential', 'credential'),
    ],
  };

  app.use(requestLog(logger, metrics));
  app.use(
    auditTrail({
      audit: services.audit,
      logger,
      tenantOfSession: async (id) => (await services.db.selectFrom('sessions').select('tenant_id').where('id', '=', id).executeTakeFirst())?.tenant_id,
      sessionOfReportLink: (token) => {
        try {
          return services.reportLinks.verify(token);
        } catch {
          return undefined;
        }
      },
    }),
  );
  app.use(
    helmet({
      // The API is called cross-origin by the host's pages; CORS (below) decides who may read it.
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    }),
  );
  app.use(cors(config.corsOrigins));
  app.use(rateLimit(ipLimiter, (req) => req.ip ?? 'unknown', 'from this address', 'address'));
  app.use(express.json({ limit: config.bodyLimitBytes, type: ['application/json', 'application/*+json'] }));
  app.use(deferUnparsableBody);

  const api = new Api(app, (accept) => ctx.guard(...accept));
  let openapi: object | undefined;
  registerHealthRoutes(api, ctx);
  registerSessionRoutes(api, ctx);
  registerCollabRoutes(api, ctx);
  registerRunRoutes(api, ctx);
  registerConsoleRoutes(api, ctx);
  registerFeedbackRoutes(api, ctx);
  registerScoreRoutes(api, ctx);
  registerReportRoutes(api, ctx);
  registerWebhookRoutes(api, ctx);
  registerJobRoutes(api, ctx);
  registerQuestionRoutes(api, ctx);
  registerKitRoutes(api, ctx);
  registerAuditRoutes(api, ctx);
  registerDataRoutes(api, ctx);
  registerIntegrityRoutes(api, ctx);
  registerRecordingRoutes(api, ctx);
  registerChatRoutes(api, ctx);
  registerApiReferenceRoutes(api);

  api.route(
    {
      method: 'get',
      path: '/v1/openapi.json',
      summary: 'This OpenAPI document',
      tags: ['operations'],
      security: [],
      responses: { 200: { description: 'OpenAPI 3.1 document' } },
    },
    (_req, res) => res.json((openapi ??= openApiDocument(api.routes, { title: 'Interview Kit reference server', version: '1', serverUrl: config.webhooks.publicUrl }))),
  );

  app.use(notFoundHandler);
  app.use(problemHandler(logger));
  return { app, api, ctx };
}
