import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { KyselyConfig, LogEvent } from 'kysely';
import { tracer, tracingEnabled } from './tracing.js';

/**
 * Kysely options that trace each query as a client span (`SELECT`, `INSERT`, …) of the work that
 * ran it, with the statement's text — placeholders, never values. Built on Kysely's query log,
 * which reports each query's duration once it ends, so the span is recorded afterwards with its
 * measured start. Queries outside any traced work (the job queue's polls, timers) are left out.
 * Empty while tracing is off: no query pays for it.
 */
export function queryTracing(system: 'sqlite' | 'postgresql'): Pick<KyselyConfig, 'log'> {
  if (!tracingEnabled()) return {};
  return {
    log: (event: LogEvent) => {
      if (!trace.getActiveSpan()) return;
      const end = performance.timeOrigin + performance.now();
      const text = event.query.sql;
      const operation = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? 'QUERY';
      const span = tracer.startSpan(operation, {
        kind: SpanKind.CLIENT,
        startTime: end - event.queryDurationMillis,
        attributes: { 'db.system.name': system, 'db.operation.name': operation, 'db.query.text': text },
      });
      if (event.level === 'error') {
        const error = event.error;
        if (error instanceof Error) span.recordException(error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      }
      span.end(end);
    },
  };
}
