import type { ModelEndpoint } from '../config/models.js';
import { PermanentJobError } from '../jobs/index.js';

/**
 * One call to an OpenAI-compatible endpoint (`<url><path>`, Bearer key when set) within its
 * timeout: resolves its JSON answer and how long it took. A refusal that retrying cannot change
 * (4xx other than 408 and 429: a bad key, a rejected file) ends the job at once; anything else
 * (5xx, 429, timeouts, network) throws for the job queue to retry.
 */
export async function callModel(endpoint: ModelEndpoint, path: string, body: FormData | object, signal: AbortSignal): Promise<{ body: unknown; latencyMs: number }> {
  const started = performance.now();
  const json = !(body instanceof FormData);
  let res: Response;
  try {
    res = await fetch(`${endpoint.url}${path}`, {
      method: 'POST',
      headers: { ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}), ...(json ? { 'content-type': 'application/json' } : {}) },
      body: json ? JSON.stringify(body) : body,
      signal: AbortSignal.any([signal, AbortSignal.timeout(endpoint.timeoutMs)]),
    });
  } catch (error) {
    throw new Error(`${path} could not be reached: ${(error as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) {
    const detail = `${path} answered ${res.status}: ${text.slice(0, 300)}`;
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new PermanentJobError(detail);
    throw new Error(detail);
  }
  try {
    return { body: JSON.parse(text) as unknown, latencyMs: Math.round(performance.now() - started) };
  } catch {
    throw new Error(`${path} answered something that is not JSON: ${text.slice(0, 200)}`);
  }
}
