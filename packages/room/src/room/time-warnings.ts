import type { SessionClock } from './timer.js';

/** Minutes left at which everyone is warned, largest first. */
export const WARNING_MINUTES = [5, 1] as const;

/**
 * Decides when to warn that time is running out: once per threshold ({@link WARNING_MINUTES})
 * as the remaining time crosses it. Added time that lifts the remaining time above a threshold
 * arms it again; a room opened with less time left than several thresholds warns once, for the
 * smallest.
 */
export class TimeWarnings {
  readonly #given = new Set<number>();

  /** The minutes to warn about now, if a threshold was just crossed. */
  check(clock: SessionClock): number | undefined {
    if (clock.kind !== 'remaining') return undefined;
    let due: number | undefined;
    for (const minutes of WARNING_MINUTES) {
      if (clock.ms > minutes * 60_000) {
        this.#given.delete(minutes);
      } else if (!this.#given.has(minutes)) {
        this.#given.add(minutes);
        due = minutes;
      }
    }
    return due;
  }
}
