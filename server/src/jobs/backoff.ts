import type { Backoff } from './types.js';

/** Spreads a delay over ±`spread` of itself, so jobs that failed together do not retry together. */
export function jittered(delayMs: number, spread = 0.2, random: () => number = Math.random): number {
  return Math.max(0, Math.round(delayMs * (1 - spread + 2 * spread * random())));
}

/** `baseMs`, then doubling per attempt, capped at `maxMs`, with jitter. */
export function exponentialBackoff({ baseMs, maxMs }: { baseMs: number; maxMs: number }, random?: () => number): Backoff {
  return (attempt) => jittered(Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1)), 0.2, random);
}

/** A fixed schedule of delays (the last repeats), with jitter; e.g. a webhook's 5 s, 30 s, 2 min, … */
export function scheduledBackoff(delaysMs: readonly number[], random?: () => number): Backoff {
  return (attempt) => jittered(delaysMs[Math.min(Math.max(0, attempt - 1), delaysMs.length - 1)] ?? 0, 0.2, random);
}
