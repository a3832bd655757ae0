import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, propagation, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { tracer } from './tracing.js';

export interface RequestSpan {
  span: Span;
  /** The context with the span active: run the request's handling inside it. */
  context: Context;
  /** Names the span after the matched route, records the status and ends it. */
  end(route: string, status: number): void;
}

/**
 * A server span for one HTTP request, continuing the caller's trace when it sends a W3C
 * `traceparent`. The request's and response's event listeners run in its context, so the body
 * parser, the handlers and the queries they make are its children.
 *
 * A middleware rather than `@opentelemetry/instrumentation-http`/`-express`: those patch `http`
 * and `express` through module-loading hooks, which under ESM must be registered with `--import`
 * before the server's modules load (not the case for `npm start`, the `tsx` bin or in-process
 * tests), and would be loaded even with tracing off.
 */
export function startRequestSpan(req: IncomingMessage, res: ServerResponse, method: string, path: string): RequestSpan {
  const parent = propagation.extract(context.active(), req.headers);
  const span = tracer.startSpan(
    method,
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.path': path, 'url.scheme': 'http' } },
    parent,
  );
  const active = trace.setSpan(parent, span);
  context.bind(active, req);
  context.bind(active, res);
  return {
    span,
    context: active,
    end(route, status) {
      span.updateName(`${method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': status });
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    },
  };
}
