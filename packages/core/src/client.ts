import { NetworkError, ProblemError } from './errors.js';
import type { LiveKitTokenResponse, Problem, SessionView } from './protocol.js';
import { TokenProvider, type TokenSource } from './token-provider.js';

/** Options of an {@link InterviewClient}. */
export interface InterviewClientOptions {
  /** Base URL of the reference server, e.g. `https://interviews.example.com`. */
  server: string | URL;
  /**
   * Bearer tokens for the requests: a {@link TokenProvider}, a participant token, or a function
   * fetching one. Without it, requests carry no `Authorization` header.
   */
  tokenProvider?: TokenProvider | TokenSource;
  /** The `fetch` to use; defaults to the global one. */
  fetch?: typeof globalThis.fetch;
}

/** Per-request options of {@link InterviewClient.request}. */
export interface RequestOptions {
  signal?: AbortSignal;
  /** Extra headers; they override the defaults. */
  headers?: Record<string, string>;
}

/**
 * A typed client for the reference server's HTTP API.
 *
 * Errors: an error status rejects with a {@link ProblemError} (status and problem details);
 * no answer at all rejects with a {@link NetworkError}; an aborted request rejects with the
 * signal's `AbortError`. A `401` is retried once with a freshly fetched token when the token
 * provider can refresh.
 */
export class InterviewClient {
  /** The base URL, always ending with `/`. */
  readonly server: string;
  /** Where bearer tokens come from, if anywhere. */
  readonly tokenProvider: TokenProvider | undefined;
  readonly #fetch: typeof globalThis.fetch;

  constructor(options: InterviewClientOptions) {
    const base = new URL(options.server);
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    this.server = base.href;
    this.tokenProvider = options.tokenProvider === undefined ? undefined : TokenProvider.from(options.tokenProvider);
    // Bound here because the global fetch throws "Illegal invocation" when called as a method.
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** The session as the current token's holder may see it. */
  getSession(sessionId: string): Promise<SessionView> {
    return this.request<SessionView>('GET', `/v1/sessions/${encodeURIComponent(sessionId)}`);
  }

  /** Ends the session (interviewers only) and returns its final view. */
  endSession(sessionId: string): Promise<SessionView> {
    return this.request<SessionView>('POST', `/v1/sessions/${encodeURIComponent(sessionId)}/end`);
  }

  /** A LiveKit URL and access token for the current participant; a 503 problem when video is not configured. */
  liveKitToken(sessionId: string): Promise<LiveKitTokenResponse> {
    return this.request<LiveKitTokenResponse>('POST', `/v1/sessions/${encodeURIComponent(sessionId)}/livekit-token`);
  }

  /**
   * Sends one request to the server and returns the parsed JSON answer (`undefined` for an
   * empty one).
   *
   * @param path - relative to the server's base URL, e.g. `/v1/sessions/abc`.
   * @param body - sent as JSON when given.
   */
  async request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    const url = new URL(path.replace(/^\/+/, ''), this.server);
    const send = async (token: string | undefined) => {
      const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
      const init: RequestInit = { method, headers: { ...headers, ...options.headers } };
      if (body !== undefined) init.body = JSON.stringify(body);
      if (options.signal) init.signal = options.signal;
      try {
        return await this.#fetch(url, init);
      } catch (error) {
        if (options.signal?.aborted) throw error;
        throw new NetworkError(`Could not reach ${url.origin}: ${describe(error)}`, { cause: error });
      }
    };

    const provider = this.tokenProvider;
    let response = await send(await provider?.getToken());
    if (response.status === 401 && provider?.canRefresh) {
      provider.invalidate();
      response = await send(await provider.getToken());
    }
    if (!response.ok) throw new ProblemError(await readProblem(response));
    return (await readBody(response)) as T;
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  return isJson(response) ? JSON.parse(text) : text;
}

/** The response's problem details, or ones made up from the status line when the body has none. */
async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
  };
  let text = '';
  try {
    text = await response.text();
  } catch {
    return fallback;
  }
  if (isJson(response)) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        return { ...fallback, ...(parsed as Partial<Problem>), status: response.status };
      }
    } catch {
      // Not JSON after all: fall through to the status line.
    }
  }
  const plain = response.headers.get('content-type')?.startsWith('text/plain') ? text.trim().slice(0, 500) : '';
  return plain ? { ...fallback, detail: plain } : fallback;
}

function isJson(response: Response): boolean {
  return /[/+]json\b/i.test(response.headers.get('content-type') ?? '');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
