import { context, SpanStatusCode, trace, type Attributes, type Context, type Span, type SpanKind } from '@opentelemetry/api';

/**
 * The server's tracer. Without a registered SDK (`OTEL_EXPORTER_OTLP_ENDPOINT` unset) the
 * OpenTelemetry API hands out non-recording spans: every call below is then a few no-ops.
 */
export const tracer = trace.getTracer('interview-kit-server');

let exporting = false;

/** Whether spans are exported (the SDK was started); extra work done only for spans can be skipped otherwise. */
export function tracingEnabled(): boolean {
  return exporting;
}

/** Called by the SDK's start and shutdown. */
export function markTracing(on: boolean): void {
  exporting = on;
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** The parent; the active context when absent. */
  parent?: Context;
  /** Starts a new trace, with no parent (work not caused by the request at hand). */
  root?: boolean;
}

/**
 * Runs `work` inside a new active span named `name`, which ends when `work` settles. A thrown
 * error is recorded on the span (status error) and rethrown.
 */
export async function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T> | T): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = tracer.startSpan(name, { ...(options.kind !== undefined ? { kind: options.kind } : {}), ...(options.attributes ? { attributes: options.attributes } : {}), ...(options.root ? { root: true } : {}) }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    failed(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** Marks `span` failed with `error`. */
export function failed(span: Span, error: unknown): void {
  if (error instanceof Error) span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/** `trace_id` and `span_id` of the active span, for log lines; empty when none records. */
export function activeTraceFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  if (!trace.isSpanContextValid(span.spanContext())) return {};
  return { trace_id: traceId, span_id: spanId };
}
