import { jwtExpiresAt } from './jwt.js';
import { TypedEventTarget } from './typed-event-target.js';

/** A token together with its expiry, as a token fetcher may return it. */
export interface TokenGrant {
  token: string;
  /**
   * When the token expires: an ISO 8601 string (as the server's `expiresAt`), milliseconds since
   * the epoch, or a `Date`. When absent, the JWT's `exp` claim is used.
   */
  expiresAt?: string | number | Date | null;
}

/**
 * An async function that fetches a fresh participant token, typically from the host's own
 * backend. It may return the token string or a {@link TokenGrant} (an `IssuedToken` fits).
 */
export type TokenFetcher = () => Promise<string | TokenGrant> | string | TokenGrant;

/** Where tokens come from: a fixed token string, or a fetcher that can mint fresh ones. */
export type TokenSource = string | TokenFetcher;

/** Time and timers, replaceable so that expiry logic can run against a fake clock. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options of a {@link TokenProvider}. */
export interface TokenProviderOptions {
  /** How long before its expiry a cached token is replaced, in ms. Default 60 000. */
  refreshMarginMs?: number;
  /** After a failed proactive refresh, how long to wait before trying again, in ms. Default 5 000. */
  retryDelayMs?: number;
  /** Defaults to the real clock. */
  clock?: Clock;
}

/** Dispatched by a {@link TokenProvider} after it obtained a fresh token. */
export class TokenRefreshedEvent extends Event {
  /** The new token and its expiry in ms since the epoch (`null` when unknown). */
  readonly detail: { token: string; expiresAt: number | null };

  constructor(detail: { token: string; expiresAt: number | null }) {
    super('token-refreshed');
    this.detail = detail;
  }
}

/** Dispatched by a {@link TokenProvider} when fetching a token failed. */
export class TokenErrorEvent extends Event {
  /** What the token fetcher threw. */
  readonly detail: { error: unknown };

  constructor(detail: { error: unknown }) {
    super('token-error');
    this.detail = detail;
  }
}

/** Events of a {@link TokenProvider}. */
export interface TokenProviderEventMap {
  'token-refreshed': TokenRefreshedEvent;
  'token-error': TokenErrorEvent;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => globalThis.setTimeout(callback, delayMs),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** setTimeout fires at once for delays beyond a signed 32-bit number of ms. */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

interface CachedToken {
  token: string;
  expiresAt: number | undefined;
  /** When the token becomes due for replacement (Infinity when its expiry is unknown). */
  refreshAt: number;
}

/**
 * Hands out participant tokens and replaces them before they expire.
 *
 * `getToken()` returns the cached token until it is within the refresh margin of its expiry,
 * then fetches a new one; concurrent callers share a single fetch. If a refresh fails while the
 * old token is still valid, the old token is returned (and `token-error` fires), so a flaky host
 * backend does not break calls early. `start()` also refreshes proactively ahead of expiry.
 *
 * A provider built from a fixed token string never refreshes; `canRefresh` tells which kind it is.
 *
 * @example
 * ```ts
 * const tokens = new TokenProvider(async () => {
 *   const response = await fetch('/my-backend/interview-token');
 *   return response.json(); // { token, expiresAt }
 * });
 * ```
 */
export class TokenProvider extends TypedEventTarget<TokenProviderEventMap> {
  /** Returns `source` itself when it already is a provider, else a new provider for it. */
  static from(source: TokenProvider | TokenSource, options?: TokenProviderOptions): TokenProvider {
    return source instanceof TokenProvider ? source : new TokenProvider(source, options);
  }

  readonly #fetcher: TokenFetcher | undefined;
  readonly #clock: Clock;
  readonly #refreshMarginMs: number;
  readonly #retryDelayMs: number;
  #cached: CachedToken | undefined;
  #inFlight: Promise<string> | undefined;
  #running = false;
  #timer: unknown;

  constructor(source: TokenSource, options: TokenProviderOptions = {}) {
    super();
    this.#clock = options.clock ?? realClock;
    this.#refreshMarginMs = options.refreshMarginMs ?? 60_000;
    this.#retryDelayMs = options.retryDelayMs ?? 5_000;
    if (typeof source === 'string') {
      if (!source) throw new TypeError('A participant token must not be empty.');
      this.#cached = { token: source, expiresAt: jwtExpiresAt(source), refreshAt: Infinity };
    } else {
      this.#fetcher = source;
    }
  }

  /** Whether this provider can fetch new tokens (false for a fixed token string). */
  get canRefresh(): boolean {
    return this.#fetcher !== undefined;
  }

  /** The cached token's expiry in ms since the epoch, if known. */
  get expiresAt(): number | undefined {
    return this.#cached?.expiresAt;
  }

  /** A token fit to use now: the cached one, or a freshly fetched one when it is due. */
  async getToken(): Promise<string> {
    const cached = this.#cached;
    if (cached && (!this.canRefresh || this.#clock.now() < cached.refreshAt)) return cached.token;
    try {
      return await this.refresh();
    } catch (error) {
      const current = this.#cached;
      if (current && !this.#isExpired(current)) return current.token;
      throw error;
    }
  }

  /**
   * Fetches a new token now (or joins the fetch already in flight) and caches it.
   * Rejects with the fetcher's error; for a fixed token, resolves to that token.
   */
  refresh(): Promise<string> {
    if (!this.#fetcher) return Promise.resolve(this.#cached!.token);
    if (!this.#inFlight) {
      const inFlight = this.#fetchToken(this.#fetcher);
      this.#inFlight = inFlight;
      const clear = () => {
        if (this.#inFlight === inFlight) this.#inFlight = undefined;
      };
      inFlight.then(clear, clear);
    }
    return this.#inFlight;
  }

  /**
   * Forgets the cached token, so the next `getToken()` fetches a new one; used when the server
   * rejected the token. No effect on a fixed token.
   */
  invalidate(): void {
    if (this.canRefresh) this.#cached = undefined;
  }

  /** Starts refreshing proactively ahead of expiry (fetching a first token now if none is cached). */
  start(): void {
    if (this.#running || !this.canRefresh) return;
    this.#running = true;
    if (this.#cached) this.#schedule(this.#cached.refreshAt);
    else this.#refreshInBackground();
  }

  /** Stops proactive refreshing. */
  stop(): void {
    this.#running = false;
    this.#clearTimer();
  }

  async #fetchToken(fetcher: TokenFetcher): Promise<string> {
    try {
      const fetchedAt = this.#clock.now();
      const grant = normalizeGrant(await fetcher());
      const expiresAt = grant.expiresAt ?? jwtExpiresAt(grant.token);
      this.#cached = { token: grant.token, expiresAt, refreshAt: this.#refreshTime(fetchedAt, expiresAt) };
      this.dispatchEvent(new TokenRefreshedEvent({ token: grant.token, expiresAt: expiresAt ?? null }));
      if (this.#running) this.#schedule(this.#cached.refreshAt);
      return grant.token;
    } catch (error) {
      this.dispatchEvent(new TokenErrorEvent({ error }));
      if (this.#running) this.#schedule(this.#clock.now() + this.#retryDelayMs);
      throw error;
    }
  }

  /**
   * When a token becomes due. A token living shorter than twice the margin is refreshed at half
   * its life instead, so short-lived tokens are not refetched on every call.
   */
  #refreshTime(fetchedAt: number, expiresAt: number | undefined): number {
    if (expiresAt === undefined) return Infinity;
    const margin = Math.min(this.#refreshMarginMs, Math.max(0, (expiresAt - fetchedAt) / 2));
    return expiresAt - margin;
  }

  #isExpired(cached: CachedToken): boolean {
    return cached.expiresAt !== undefined && this.#clock.now() >= cached.expiresAt;
  }

  #schedule(at: number): void {
    this.#clearTimer();
    if (at === Infinity) return;
    const delay = Math.min(MAX_TIMER_DELAY_MS, Math.max(0, at - this.#clock.now()));
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      if (this.#running) this.#refreshInBackground();
    }, delay);
  }

  #clearTimer(): void {
    if (this.#timer === undefined) return;
    this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #refreshInBackground(): void {
    // Failures are reported through `token-error` and retried by the schedule.
    this.refresh().catch(() => {});
  }
}

function normalizeGrant(value: string | TokenGrant): { token: string; expiresAt: number | undefined } {
  const grant = typeof value === 'string' ? { token: value } : value;
  if (typeof grant?.token !== 'string' || !grant.token) {
    throw new TypeError('The token fetcher returned no token.');
  }
  return { token: grant.token, expiresAt: toEpochMs(grant.expiresAt) };
}

function toEpochMs(value: TokenGrant['expiresAt']): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}
