import { formatSessionTime, momentLink, secondsSince, sessionClockStart, type SessionTiming } from '@interview-kit/core';

/** The times a moment counts from: the interview's start, or its creation before the start. */
export type MomentClock = Pick<SessionTiming, 'startedAt' | 'createdAt'>;

/** Seconds from the session's clock start to `now`: what a moment link marked now points at. */
export function momentNow(clock: MomentClock, now: number = Date.now()): number {
  return secondsSince(sessionClockStart(clock), now);
}

/** The moment `seconds` into the session as epoch milliseconds, as `interview-moment-select` carries it. */
export function momentAt(clock: MomentClock, seconds: number): number {
  return Date.parse(sessionClockStart(clock)) + seconds * 1000;
}

/**
 * Puts a moment link (`[12:34](#t=754)`) for `seconds` into a text field in place of its
 * selection, spaced from the words around it, and leaves the caret after it. Returns the
 * inserted time (`12:34`), for an announcement. The field fires no `input` event: the caller
 * takes the new value.
 */
export function insertMomentLink(field: HTMLTextAreaElement, seconds: number): string {
  const { selectionStart: start, selectionEnd: end, value } = field;
  const separator = start > 0 && !/\s/.test(value[start - 1]!) ? ' ' : '';
  field.setRangeText(`${separator}${momentLink(seconds)} `, start, end, 'end');
  return formatSessionTime(seconds);
}
