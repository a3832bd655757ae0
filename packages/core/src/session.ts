import { InterviewClient } from './client.js';
import type { SessionTiming, SessionView } from './protocol.js';
import { TokenProvider, type TokenSource } from './token-provider.js';
import { TypedEventTarget } from './typed-event-target.js';

/** Options of an {@link InterviewSession}. */
export interface InterviewSessionOptions {
  /** Base URL of the reference server. */
  server: string;
  sessionId: string;
  /** The participant's tokens: a {@link TokenProvider}, a token, or a function fetching one. */
  tokenProvider: TokenProvider | TokenSource;
  /** A client to reuse; by default one is made for `server` and `tokenProvider`. */
  client?: InterviewClient;
  /** The `fetch` for the default client. */
  fetch?: typeof globalThis.fetch;
}

/** Dispatched by an {@link InterviewSession} whenever its `view` changes. */
export class SessionChangeEvent extends Event {
  /** The new view. */
  readonly detail: { view: SessionView };

  constructor(detail: { view: SessionView }) {
    super('change');
    this.detail = detail;
  }
}

/** Dispatched once by an {@link InterviewSession} when it is disposed, so attached parts can let go. */
export class SessionDisposeEvent extends Event {
  constructor() {
    super('dispose');
  }
}

/** Events of an {@link InterviewSession}. */
export interface InterviewSessionEventMap {
  change: SessionChangeEvent;
  dispose: SessionDisposeEvent;
}

/**
 * One participant's handle on one interview session, shared by every element on the page
 * (through {@link sessionContext} or a `session` property).
 *
 * It holds where the server is, which session, the participant's tokens and a client, and keeps
 * the latest {@link SessionView}. Other parts (collaboration, video) attach to it and listen to
 * its events; subclasses may add more.
 *
 * @example
 * ```ts
 * const session = new InterviewSession({ server, sessionId, tokenProvider: fetchToken });
 * session.addEventListener('change', (event) => console.log(event.detail.view.status));
 * await session.load();
 * ```
 */
export class InterviewSession extends TypedEventTarget<InterviewSessionEventMap> {
  /** Base URL of the reference server. */
  readonly server: string;
  readonly sessionId: string;
  readonly tokenProvider: TokenProvider;
  readonly client: InterviewClient;
  #view: SessionView | undefined;
  /** The load under way, which {@link viewOrLoad} joins rather than fetching the view twice. */
  #loading: Promise<SessionView> | undefined;
  #disposed = false;

  constructor(options: InterviewSessionOptions) {
    super();
    this.server = options.server;
    this.sessionId = options.sessionId;
    this.tokenProvider = TokenProvider.from(options.tokenProvider);
    this.client =
      options.client ??
      new InterviewClient({
        server: options.server,
        tokenProvider: this.tokenProvider,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
  }

  /** The session as last loaded, `undefined` before the first `load()`. */
  get view(): SessionView | undefined {
    return this.#view;
  }

  /** Whether `dispose()` was called. */
  get disposed(): boolean {
    return this.#disposed;
  }

  /** Fetches the session view, keeps it and announces it with a `change` event. */
  async load(): Promise<SessionView> {
    const loading = this.client.getSession(this.sessionId).then((view) => this.#update(view));
    this.#loading = loading;
    try {
      return await loading;
    } finally {
      if (this.#loading === loading) this.#loading = undefined;
    }
  }

  /**
   * The view as last loaded; before the first, the load under way (or a new one): parts starting
   * at the same time as the element that loads the session share its one request.
   */
  viewOrLoad(): Promise<SessionView> {
    return this.#view ? Promise.resolve(this.#view) : (this.#loading ?? this.load());
  }

  /** Ends the session (interviewers only) and keeps the final view. */
  async end(): Promise<SessionView> {
    return this.#update(await this.client.endSession(this.sessionId));
  }

  /** Starts the interview (interviewers) and keeps the live view. */
  async start(): Promise<SessionView> {
    return this.#update(await this.client.startSession(this.sessionId));
  }

  /** Adds minutes to the interview (interviewers) and keeps the view with its new end time. */
  async extend(minutes: number): Promise<SessionView> {
    return this.#update(await this.client.extendSession(this.sessionId, minutes));
  }

  /** Moves the interview to the question at `index` of its plan (interviewers) and keeps the view; every room follows. */
  async moveToQuestion(index: number): Promise<SessionView> {
    return this.#update(await this.client.moveToQuestion(this.sessionId, index));
  }

  /**
   * Takes lifecycle fields the server pushed (through the shared document) into the view at once,
   * ahead of a reload, and announces the view; also where no reload is possible (a cancelled
   * session's links no longer work). Does nothing before the first `load()`.
   */
  adopt(timing: Partial<Pick<SessionTiming, 'status' | 'startedAt' | 'endsAt' | 'endedAt' | 'endReason'>>): void {
    if (this.#view) this.#update({ ...this.#view, ...timing });
  }

  /** Tells attached parts to let go (`dispose` event). Calling it again does nothing. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.dispatchEvent(new SessionDisposeEvent());
  }

  #update(view: SessionView): SessionView {
    this.#view = view;
    this.dispatchEvent(new SessionChangeEvent({ view }));
    return view;
  }
}
