import {
  NetworkError,
  ProblemError,
  type InterviewSession,
  type Problem,
  type RunRequest,
  type RunStreamEvent,
  type RunView,
} from '@interview-kit/core';

/** Options of {@link streamRun}. */
export interface StreamRunOptions {
  /** Aborting cancels the run: the server kills the program. */
  signal?: AbortSignal;
  /** Sent as `Idempotency-Key`, so that a retried request returns the first run. */
  idempotencyKey?: string;
  /** Each server-sent event as it arrives (`start`, `output`, `test`, `result`, `error`). */
  onEvent?(event: RunStreamEvent): void;
}

/**
 * Runs code through `POST /v1/runs` with the participant's token, streaming server-sent events
 * while it runs, and resolves with the finished run. Rejects with a `ProblemError` when the server
 * refuses or fails the run, a `NetworkError` when it cannot be reached or the stream breaks, and
 * the abort reason when `signal` aborts.
 */
export async function streamRun(session: InterviewSession, request: RunRequest, options: StreamRunOptions = {}): Promise<RunView> {
  const url = new URL('v1/runs', session.client.server);
  const provider = session.tokenProvider;
  const send = async (token: string) => {
    try {
      return await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          accept: 'text/event-stream, application/problem+json',
          ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
        },
        body: JSON.stringify(request),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      throw new NetworkError(`Could not reach ${url.origin}: ${(error as Error).message}`, { cause: error });
    }
  };

  let response = await send(await provider.getToken());
  if (response.status === 401 && provider.canRefresh) {
    provider.invalidate();
    response = await send(await provider.getToken());
  }
  if (!response.ok) throw new ProblemError(await problemOf(response));
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
    return (await response.json()) as RunView;
  }

  let result: RunView | undefined;
  try {
    for await (const event of serverSentEvents(response.body!)) {
      options.onEvent?.(event);
      if (event.event === 'result') result = event.data;
      if (event.event === 'error') throw new ProblemError(event.data);
    }
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (error instanceof ProblemError) throw error;
    throw new NetworkError(`The run's output stream broke: ${(error as Error).message}`, { cause: error });
  }
  if (!result) throw new NetworkError('The run stream ended before its result arrived.');
  return result;
}

/** Parses a `text/event-stream` body into run events. */
async function* serverSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<RunStreamEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        }
        if (data.length) yield { event, data: JSON.parse(data.join('\n')) } as RunStreamEvent;
      }
    }
  } finally {
    reader.releaseLock();
  }
}

async function problemOf(response: Response): Promise<Problem> {
  const fallback: Problem = { type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, status: response.status };
  try {
    const parsed = (await response.json()) as Partial<Problem>;
    const retryAfter = Number(response.headers.get('retry-after')) || undefined;
    return { ...fallback, ...parsed, status: response.status, ...(retryAfter ? { retryAfter } : {}) };
  } catch {
    return fallback;
  }
}
