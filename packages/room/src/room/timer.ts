import type { SessionView } from '@interview-kit/core';

/** Where the interview's clock stands: counting down a planned length, over it, counting up without one, or stopped. */
export type SessionClock =
  | { kind: 'remaining'; ms: number; totalMs: number }
  | { kind: 'overtime'; ms: number }
  | { kind: 'elapsed'; ms: number }
  | { kind: 'ended' };

/** The clock of `view` at time `now` (ms since the epoch), counted from the session's creation. */
export function sessionClock(view: Pick<SessionView, 'createdAt' | 'durationMinutes' | 'status'>, now: number): SessionClock {
  if (view.status === 'ended') return { kind: 'ended' };
  const elapsed = Math.max(0, now - Date.parse(view.createdAt));
  if (!view.durationMinutes) return { kind: 'elapsed', ms: elapsed };
  const totalMs = view.durationMinutes * 60_000;
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
