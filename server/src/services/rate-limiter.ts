import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** Where a key stands after taking one request: allowed or not, and what is left of its window. */
export interface RateStanding {
  /** 0 when allowed, else the seconds until the next request is. */
  wait: number;
  /** Requests left in the current window. */
  remaining: number;
  /** Seconds until the window starts again (full allowance). */
  resetSeconds: number;
}

/** A limit of requests per key, shared by every instance when they share Redis. */
export interface RateLimit {
  readonly perMinute: number;
  /** Takes one request of `key`'s allowance. */
  take(key: string): Promise<RateStanding>;
}

/**
 * `perMinute` requests per key and minute (a fixed window of 60 s), through `rate-limiter-flexible`:
 * counted in Redis (`RateLimiterRedis`, one count for every instance) when `redis` is given, else
 * in this process (`RateLimiterMemory`). Should Redis fail, each instance counts on its own
 * meanwhile (the insurance limiter) rather than refusing or letting everything through.
 * `name` keeps the counts of different limits apart.
 */
export function rateLimitPerMinute(name: string, perMinute: number, redis?: Redis): RateLimit {
  const options = { keyPrefix: `interview-kit:rate:${name}`, points: perMinute, duration: 60 };
  const memory = new RateLimiterMemory(options);
  const limiter: RateLimiterAbstract = redis ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: memory }) : memory;
  return {
    perMinute,
    take: async (key) => {
      try {
        const taken = await limiter.consume(key);
        return { wait: 0, remaining: taken.remainingPoints, resetSeconds: Math.ceil(taken.msBeforeNext / 1000) };
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) return { wait: Math.max(refusal.msBeforeNext, 1) / 1000, remaining: 0, resetSeconds: Math.ceil(refusal.msBeforeNext / 1000) };
        throw refusal;
      }
    },
  };
}

/**
 * A token bucket per key: `perMinute` requests a minute on average, bursts up to the same
 * number. Buckets idle for a full refill are dropped, so memory stays bounded by active keys.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly ratePerMs: number;

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.ratePerMs = perMinute / 60_000;
  }

  /** Takes one token; returns 0 when allowed, else the seconds until one is available. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.ratePerMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.sweep(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return (1 - bucket.tokens) / this.ratePerMs / 1000;
  }

  private sweep(now: number): void {
    const fullAfter = 60_000;
    for (const [key, bucket] of this.buckets) if (now - bucket.at > fullAfter) this.buckets.delete(key);
  }
}
