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

  /** What is left of `key`'s bucket now: whole requests, and the seconds until it is full again. */
  standing(key: string): { remaining: number; fullInSeconds: number } {
    const bucket = this.buckets.get(key);
    const tokens = bucket ? Math.min(this.perMinute, bucket.tokens + (this.now() - bucket.at) * this.ratePerMs) : this.perMinute;
    return { remaining: Math.floor(tokens), fullInSeconds: Math.ceil((this.perMinute - tokens) / this.ratePerMs / 1000) };
  }

  private sweep(now: number): void {
    const fullAfter = 60_000;
    for (const [key, bucket] of this.buckets) if (now - bucket.at > fullAfter) this.buckets.delete(key);
  }
}
