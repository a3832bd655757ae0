import { isOver, type SessionView } from '@interview-kit/core';

/**
 * Where the interview's clock stands: not started yet, counting down to the end, past it, counting
 * up without a planned length, or stopped.
 */
export type SessionClock =
  | { kind: 'scheduled' }
  | { kind: 'remaining'; ms: number; totalMs: number }
  | { kind: 'overtime'; ms: number }
  | { kind: 'elapsed'; ms: number }
  | { kind: 'ended' };

/**
 * The clock of `view` at time `now` (ms since the epoch), counted from the start; the end is the
 * server's `endsAt` (duration, extensions and extra time included).
 */
export function sessionClock(view: Pick<SessionView, 'startedAt' | 'endsAt' | 'status'>, now: number): SessionClock {
  if (isOver(view.status)) return { kind: 'ended' };
  if (view.status === 'scheduled' || !view.startedAt) return { kind: 'scheduled' };
  const start = Date.parse(view.startedAt);
  const elapsed = Math.max(0, now - start);
  if (!view.endsAt) return { kind: 'elapsed', ms: elapsed };
  const totalMs = Date.parse(view.endsAt) - start;
  return elapsed <= totalMs ? { kind: 'remaining', ms: totalMs - elapsed, totalMs } : { kind: 'overtime', ms: elapsed - totalMs };
}

/** `m:ss`, or `h:mm:ss` from an hour on. */
export function formatDuration(ms: number): string {
  const total = Math.floor(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
