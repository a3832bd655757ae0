import type { Logger } from '../logger.js';
import type { Telemetry } from './sdk.js';

export type { Telemetry } from './sdk.js';

/** Whether the environment asks for traces to be exported (an OTLP endpoint, the SDK not disabled). */
export function tracingConfigured(env: Record<string, string | undefined> = process.env): boolean {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  return Boolean(endpoint) && env.OTEL_SDK_DISABLED?.trim().toLowerCase() !== 'true';
}

/**
 * Starts exporting traces when `OTEL_EXPORTER_OTLP_ENDPOINT` is set (see `sdk.ts`). Without it
 * the SDK is not even loaded: spans stay the OpenTelemetry API's no-ops.
 */
export async function startTelemetry(options: { instanceId: string; logger: Logger }): Promise<Telemetry | undefined> {
  if (!tracingConfigured()) return undefined;
  const { startTracingSdk } = await import('./sdk.js');
  return startTracingSdk(options);
}
