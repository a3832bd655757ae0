import { randomUUID } from 'node:crypto';
import { context } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { startRequestSpan } from '../telemetry/http.js';

const INCOMING_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Gives each request an id (kept from a well-formed `X-Request-Id`) and a trace span, logs one
 * line when the response finishes — path without query string, never headers; `trace_id` and
 * `span_id` when traced — and records metrics.
 */
export function requestLog(logger: Logger, metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    const traced = startRequestSpan(req, res, req.method, req.path);
    traced.span.setAttribute('http.request.id', requestId);
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = req.route?.path ?? 'unmatched';
      metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
      metrics.httpDuration.observe({ method: req.method, route }, seconds);
      context.with(traced.context, () =>
        logger.info('request', {
          reqId: requestId,
          method: req.method,
          path: req.path,
          route,
          status: res.statusCode,
          ms: Math.round(seconds * 1e4) / 10,
        }),
      );
      traced.end(route, res.statusCode);
    });
    context.with(traced.context, next);
  };
}
