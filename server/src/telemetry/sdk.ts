import { diag, DiagLogLevel } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace-node';
import type { Logger } from '../logger.js';
import { markTracing } from './tracing.js';

export interface Telemetry {
  /** Where spans go, e.g. `http://collector:4318` (with `/v1/traces`). */
  endpoint: string;
  protocol: 'http/json' | 'http/protobuf';
  /** Exports the spans still buffered and stops. */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry tracing SDK, exporting to `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (+ `/v1/traces`); see `tracingConfigured()`.
 *
 * Spans leave in batches over OTLP/HTTP: protobuf by default, JSON with
 * `OTEL_EXPORTER_OTLP_PROTOCOL=http/json` (`grpc` is not bundled and falls back to protobuf).
 * The exporter, the batch processor and the sampler read the other standard variables themselves
 * (`OTEL_EXPORTER_OTLP_HEADERS`, `…_TIMEOUT`, `OTEL_BSP_*`, `OTEL_TRACES_SAMPLER`, …); the
 * resource takes `OTEL_SERVICE_NAME` and `OTEL_RESOURCE_ATTRIBUTES` over the defaults
 * (`service.name` `interview-kit-server`, `service.instance.id` the instance id).
 */
export function startTracingSdk({ instanceId, logger }: { instanceId: string; logger: Logger }): Telemetry {
  const env = process.env;
  const endpoint = (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT)!;

  const asked = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL || env.OTEL_EXPORTER_OTLP_PROTOCOL || 'http/protobuf').trim();
  const protocol = asked === 'http/json' ? 'http/json' : 'http/protobuf';
  if (asked !== protocol) logger.warn('OTLP protocol not supported here; exporting http/protobuf', { asked });
  diag.setLogger(
    { error: (message) => logger.warn('tracing', { detail: message }), warn: (message) => logger.warn('tracing', { detail: message }), info: () => {}, debug: () => {}, verbose: () => {} },
    DiagLogLevel.WARN,
  );
  const exporter: SpanExporter = protocol === 'http/json' ? new JsonExporter() : new ProtobufExporter();
  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': 'interview-kit-server', 'service.instance.id': instanceId }))
    .merge(detectResources({ detectors: [envDetector] }));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(exporter)] });
  // The global tracer provider, AsyncLocalStorage context and W3C trace-context propagation.
  provider.register();
  markTracing(true);
  logger.notice('tracing to OTLP', { endpoint: withoutCredentials(endpoint), protocol });
  return {
    endpoint,
    protocol,
    shutdown: async () => {
      markTracing(false);
      await provider.shutdown();
    },
  };
}

/** The endpoint as it may be logged: a user name or password in the URL is left out. */
function withoutCredentials(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return '(not a URL)';
  }
}
