import { CompressedClock, ReplayCursor, type ReplayFrame, type Timeline } from '@interview-kit/core';

/** Playback speeds the replay offers. */
export const REPLAY_SPEEDS = [1, 2, 4, 8, 16, 32] as const;

/** Pauses longer than this are shortened to it when idle time is skipped. */
const IDLE_GAP_MS = 1_500;

/**
 * Plays a session's timeline: a position on a (possibly idle-compressed) clock, a speed, and
 * play/pause driven by animation frames. Every move reports the frame to show, with the code of
 * the question in code slot `slot` (0, the first question's, by default).
 */
export class ReplayPlayer {
  readonly #cursor: ReplayCursor;
  readonly #timeline: Timeline;
  readonly #onFrame: (frame: ReplayFrame) => void;
  #clock: CompressedClock;
  #position = 0;
  #speed = 1;
  #skipIdle = true;
  #playing = false;
  #raf = 0;
  #last = 0;

  constructor(timeline: Timeline, onFrame: (frame: ReplayFrame) => void, slot = 0) {
    this.#timeline = timeline;
    this.#cursor = new ReplayCursor(timeline, slot);
    this.#onFrame = onFrame;
    this.#clock = new CompressedClock(timeline, IDLE_GAP_MS);
  }

  /** Length of the replay in ms of replay time. */
  get duration(): number {
    return this.#clock.duration;
  }

  get position(): number {
    return this.#position;
  }

  get playing(): boolean {
    return this.#playing;
  }

  get speed(): number {
    return this.#speed;
  }

  set speed(value: number) {
    this.#speed = value;
  }

  get skipIdle(): boolean {
    return this.#skipIdle;
  }

  /** Switches idle skipping, keeping the moment shown. */
  set skipIdle(value: boolean) {
    const real = this.#clock.toReal(this.#position);
    this.#skipIdle = value;
    this.#clock = new CompressedClock(this.#timeline, value ? IDLE_GAP_MS : Number.POSITIVE_INFINITY);
    this.#position = this.#clock.toOffset(real);
  }

  /** Shows the moment `position` ms into the replay. */
  seek(position: number): ReplayFrame {
    const clamped = Math.max(0, Math.min(this.duration, position));
    return this.#show(clamped, this.#clock.toReal(clamped));
  }

  /** The replay position (ms of replay time) of the moment `at` (ms since the epoch). */
  offsetOf(at: number): number {
    return this.#clock.toOffset(at);
  }

  /** Shows the moment `at` (ms since the epoch) itself; the scrubber goes to its place (its start before the first update, its end after the last). */
  seekTo(at: number): ReplayFrame {
    return this.#show(this.offsetOf(at), at);
  }

  #show(position: number, at: number): ReplayFrame {
    this.#position = position;
    const frame = this.#cursor.seek(at);
    this.#onFrame(frame);
    return frame;
  }

  play(): void {
    if (this.#playing) return;
    if (this.#position >= this.duration) this.#position = 0;
    this.#playing = true;
    this.#last = performance.now();
    const tick = (now: number) => {
      if (!this.#playing) return;
      this.seek(this.#position + (now - this.#last) * this.#speed);
      this.#last = now;
      if (this.#position >= this.duration) this.pause();
      else this.#raf = requestAnimationFrame(tick);
    };
    this.#raf = requestAnimationFrame(tick);
  }

  pause(): void {
    this.#playing = false;
    cancelAnimationFrame(this.#raf);
    this.#onFrame(this.#cursor.seek(this.#clock.toReal(this.#position)));
  }

  destroy(): void {
    this.pause();
    this.#cursor.destroy();
  }
}
