import type { CollabTicket, TimelineResponse } from './collab/protocol.js';
import type { ConsoleTicket } from './console/protocol.js';
import { NetworkError, ProblemError } from './errors.js';
import type {
  AssistantDraftResponse,
  ExtendSessionRequest,
  LiveKitTokenResponse,
  Problem,
  RecordingConsent,
  RecordingConsentState,
  RecordingState,
  RecordingsResponse,
  SessionView,
  TranscriptResponse,
} from './protocol.js';
import type { Feedback, FeedbackContent, OwnFeedback } from './rubric.js';
import type { ChatMessage, ChatPage } from './chat.js';
import type { ClientSignal, IntegrityConsent, IntegritySignal } from './integrity.js';
import { serverSentEvents } from './run-stream.js';
import type { LanguagesResponse, RunRequest, RunStreamEvent, RunView } from './runs.js';
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

/** Options of {@link InterviewClient.run}. */
export interface RunOptions {
  /** Aborting cancels the run: the server kills the program. */
  signal?: AbortSignal;
  /** Sent as `Idempotency-Key`, so that a retried request returns the first run. */
  idempotencyKey?: string;
  /** Each server-sent event as it arrives (`start`, `output`, `test`, `result`, `error`). */
  onEvent?(event: RunStreamEvent): void;
}

/**
 * A typed client for the reference server's HTTP API, and the one place in the SDK that knows its
 * paths: every element reaches the server through one of these methods.
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
    return this.request<SessionView>('GET', sessionPath(sessionId));
  }

  /** Ends the session (interviewers only) and returns its final view. */
  endSession(sessionId: string): Promise<SessionView> {
    return this.request<SessionView>('POST', `${sessionPath(sessionId)}/end`);
  }

  /** Starts a scheduled session (interviewers); a `409` problem once it is over. */
  startSession(sessionId: string): Promise<SessionView> {
    return this.request<SessionView>('POST', `${sessionPath(sessionId)}/start`);
  }

  /** Cancels a scheduled session (interviewers); a `409` problem once it started. */
  cancelSession(sessionId: string): Promise<SessionView> {
    return this.request<SessionView>('POST', `${sessionPath(sessionId)}/cancel`);
  }

  /** Adds minutes to a scheduled or live session (interviewers); a `409` problem once it is over. */
  extendSession(sessionId: string, minutes: number): Promise<SessionView> {
    return this.request<SessionView>('POST', `${sessionPath(sessionId)}/extend`, { minutes } satisfies ExtendSessionRequest);
  }

  /** Moves the session to the question at `index` of its plan (interviewers); `403` for other roles, `409` once it is over, `422` outside the plan. */
  moveToQuestion(sessionId: string, index: number): Promise<SessionView> {
    return this.request<SessionView>('POST', `${sessionPath(sessionId)}/question`, { index });
  }

  /** A LiveKit URL and access token for the current participant; a 503 problem when video is not configured. */
  liveKitToken(sessionId: string): Promise<LiveKitTokenResponse> {
    return this.request<LiveKitTokenResponse>('POST', `${sessionPath(sessionId)}/livekit-token`);
  }

  /**
   * How to join the session's shared (and, for interviewers, private) documents; each call mints a
   * fresh one-time signaling ticket. `snapshot: false`: without the shared document (`snapshot` is
   * `null`), for a client that holds it already or needs only the signaling ticket.
   */
  collabTicket(sessionId: string, { snapshot = true }: { snapshot?: boolean } = {}): Promise<CollabTicket> {
    return this.request<CollabTicket>('POST', `${sessionPath(sessionId)}/collab-ticket${snapshot ? '' : '?snapshot=false'}`);
  }

  /** A one-time ticket for the session's interactive console (candidates and interviewers; `403` for observers). */
  consoleTicket(sessionId: string): Promise<ConsoleTicket> {
    return this.request<ConsoleTicket>('POST', `${sessionPath(sessionId)}/console-tickets`);
  }

  /** Every accepted update of the session's shared document, for replay (interviewers and hosts). */
  timeline(sessionId: string): Promise<TimelineResponse> {
    return this.request<TimelineResponse>('GET', `${sessionPath(sessionId)}/timeline`);
  }

  /** The languages the server can run, the default and maximum limits, or why it cannot run code. */
  languages(): Promise<LanguagesResponse> {
    return this.request<LanguagesResponse>('GET', '/v1/languages');
  }

  /**
   * Runs code (`POST /v1/runs`), streaming server-sent events while it runs, and resolves with
   * the finished run as the caller may see it. Rejects with a {@link ProblemError} when the
   * server refuses or fails the run (a `429` carries `retryAfter`, in seconds), a
   * {@link NetworkError} when it cannot be reached or the stream breaks, and the abort reason
   * when `signal` aborts.
   */
  async run(request: RunRequest, options: RunOptions = {}): Promise<RunView> {
    const response = await this.#send('POST', '/v1/runs', request, {
      headers: {
        accept: 'text/event-stream, application/problem+json',
        ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
      },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (!response.headers.get('content-type')?.startsWith('text/event-stream')) return (await readBody(response)) as RunView;
    let result: RunView | undefined;
    try {
      for await (const event of serverSentEvents<RunStreamEvent>(response.body!)) {
        options.onEvent?.(event);
        if (event.event === 'result') result = event.data;
        if (event.event === 'error') throw new ProblemError(event.data);
      }
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (error instanceof ProblemError) throw error;
      throw new NetworkError(`The run's output stream broke: ${describe(error)}`, { cause: error });
    }
    if (!result) throw new NetworkError('The run stream ended before its result arrived.');
    return result;
  }

  /** The caller's own feedback on the session (`null` before the first draft) and the rubric to fill in. */
  ownFeedback(sessionId: string): Promise<OwnFeedback> {
    return this.request<OwnFeedback>('GET', `${sessionPath(sessionId)}/feedback`);
  }

  /** Stores the caller's feedback draft; a `409` problem once it was submitted. */
  saveFeedbackDraft(sessionId: string, content: FeedbackContent): Promise<Feedback> {
    return this.request<Feedback>('PUT', `${sessionPath(sessionId)}/feedback/draft`, content);
  }

  /** Submits the caller's feedback, final from then on; a `400` problem lists the fields the rubric requires. */
  submitFeedback(sessionId: string, content: FeedbackContent): Promise<Feedback> {
    return this.request<Feedback>('POST', `${sessionPath(sessionId)}/feedback`, content);
  }

  /** The candidate's view of integrity recording: the session's setting and their consent (`null` before it). */
  integrityConsent(sessionId: string): Promise<{ integrity: SessionView['integrity']; consent: IntegrityConsent | null }> {
    return this.request('GET', `${sessionPath(sessionId)}/consent`);
  }

  /** The candidate consents to the integrity disclosure of `textVersion`; nothing is recorded before. */
  giveIntegrityConsent(sessionId: string, textVersion: number): Promise<IntegrityConsent> {
    return this.request<IntegrityConsent>('POST', `${sessionPath(sessionId)}/consent`, { textVersion });
  }

  /** The candidate's browser reports a batch of integrity signals (see `SignalQueue`). */
  async sendSignals(sessionId: string, signals: ClientSignal[]): Promise<void> {
    await this.request('POST', `${sessionPath(sessionId)}/signals`, { signals });
  }

  /** The session's integrity signals and consents, for interviewers: signals, not verdicts. */
  integritySignals(sessionId: string): Promise<{ integrity: SessionView['integrity']; consents: IntegrityConsent[]; signals: IntegritySignal[] }> {
    return this.request('GET', `${sessionPath(sessionId)}/signals`);
  }

  /**
   * Posts the calling participant's chat message; resolves with the message as the server stamped
   * it (name, role, time) once it is stored and in the shared document. A `400` problem for an
   * empty or too long text, `409` after the end, `429` past the rate.
   */
  sendChatMessage(sessionId: string, text: string): Promise<ChatMessage> {
    return this.request<ChatMessage>('POST', `${sessionPath(sessionId)}/chat`, { text });
  }

  /** A page of the session's chat messages, oldest first (`cursor`: the previous page's `nextCursor`). */
  chatMessages(sessionId: string, page: { limit?: number; cursor?: string } = {}): Promise<ChatPage> {
    const query = new URLSearchParams();
    if (page.limit !== undefined) query.set('limit', String(page.limit));
    if (page.cursor !== undefined) query.set('cursor', page.cursor);
    const search = query.toString();
    return this.request<ChatPage>('GET', `${sessionPath(sessionId)}/chat${search ? `?${search}` : ''}`);
  }

  /** What the session records of the call and who has consented (recording begins once all have). */
  recordingConsent(sessionId: string): Promise<RecordingConsentState> {
    return this.request('GET', `${sessionPath(sessionId)}/recording-consent`);
  }

  /** The calling participant consents to the recording notice of `textVersion`. */
  giveRecordingConsent(sessionId: string, textVersion: number): Promise<RecordingConsent> {
    return this.request('POST', `${sessionPath(sessionId)}/recording-consent`, { textVersion });
  }

  /** Begins a recording of the caller's own tracks (`mimeType` as MediaRecorder reports it). */
  beginRecording(sessionId: string, mimeType: string): Promise<RecordingState> {
    return this.request('POST', `${sessionPath(sessionId)}/recordings`, { mimeType });
  }

  /** Where the caller's recording stands: the chunk the server expects next. */
  recordingState(sessionId: string, recordingId: string): Promise<RecordingState> {
    return this.request('GET', `${sessionPath(sessionId)}/recordings/${encodeURIComponent(recordingId)}`);
  }

  /** Uploads chunk `seq` of the caller's recording; resolves once the server has stored it. */
  uploadRecordingChunk(sessionId: string, recordingId: string, seq: number, chunk: Blob, options: RequestOptions = {}): Promise<RecordingState> {
    return this.request('PUT', `${sessionPath(sessionId)}/recordings/${encodeURIComponent(recordingId)}/chunks/${seq}`, chunk, options);
  }

  /** The session's recordings with time-limited playback links, oldest first (interviewers and the host; `403` for others). */
  recordings(sessionId: string): Promise<RecordingsResponse> {
    return this.request('GET', `${sessionPath(sessionId)}/recordings`);
  }

  /** The transcript of the session's recordings, speakers known (interviewers and the host; `403` for others). */
  transcript(sessionId: string): Promise<TranscriptResponse> {
    return this.request('GET', `${sessionPath(sessionId)}/transcript`);
  }

  /** The assistant's draft review, or where it stands (`off`, `pending`); interviewers and the host, `403` for others. */
  assistantDraft(sessionId: string): Promise<AssistantDraftResponse> {
    return this.request('GET', `${sessionPath(sessionId)}/assistant`);
  }

  /**
   * Sends one request to the server and returns the parsed JSON answer (`undefined` for an
   * empty one).
   *
   * @param path - relative to the server's base URL, e.g. `/v1/sessions/abc`.
   * @param body - sent as JSON when given; a `Blob` is sent as its bytes.
   */
  async request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return (await readBody(await this.#send(method, path, body, options))) as T;
  }

  /** Sends one request with the current token (and once more with a fresh one after a `401`); rejects unless the answer is a success. */
  async #send(method: string, path: string, body: unknown, options: RequestOptions): Promise<Response> {
    const url = new URL(path.replace(/^\/+/, ''), this.server);
    const send = async (token: string | undefined) => {
      const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
      const bytes = body instanceof Blob;
      if (body !== undefined) headers['content-type'] = bytes ? 'application/octet-stream' : 'application/json';
      if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
      const init: RequestInit = { method, headers: { ...headers, ...options.headers } };
      if (body !== undefined) init.body = bytes ? body : JSON.stringify(body);
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
    return response;
  }
}

function sessionPath(sessionId: string): string {
  return `/v1/sessions/${encodeURIComponent(sessionId)}`;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  return isJson(response) ? JSON.parse(text) : text;
}

/** The response's problem details, or ones made up from the status line when the body has none. */
async function readProblem(response: Response): Promise<Problem> {
  const retryAfter = Number(response.headers.get('retry-after')) || undefined;
  const fallback: Problem = {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    // How long to wait before trying again (seconds), when the server said so (`429`, `503`).
    ...(retryAfter ? { retryAfter } : {}),
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
        return { ...fallback, ...(parsed as Partial<Problem>), status: response.status, ...(retryAfter ? { retryAfter } : {}) };
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
