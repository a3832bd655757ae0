import type { RecordingState } from '../protocol.js';

/** What the model needs of a `<video>` or `<audio>` element (a fake in a test, if need be). */
export type PlayableMedia = Pick<HTMLMediaElement, 'currentTime' | 'paused' | 'play' | 'pause'>;

/** One participant's recording on the replay's clock. */
export interface MediaTrack {
  recording: RecordingState;
  /** When the recording began and when its last chunk was stored: ms since the epoch. */
  start: number;
  end: number;
}

/** Options of a {@link ReplayMedia}. */
export interface ReplayMediaOptions {
  /** The replay's span (ms since the epoch), e.g. the session's start and end; widened to hold every recording. */
  span?: { start: number; end: number };
  /** Called with the moment shown, every frame while playing and after each seek. */
  onTime?(at: number): void;
  /** Called when playing starts or stops. */
  onPlaying?(playing: boolean): void;
  /** An element further than this (ms) from the clock is moved back into step. Default 300. */
  toleranceMs?: number;
  /** The wall clock, ms (default `performance.now`). */
  now?(): number;
}

/** A recording's playback link as an absolute URL, against the server's base URL. */
export function playbackUrl(server: string, recording: RecordingState): string | undefined {
  return recording.url ? new URL(recording.url.replace(/^\/+/, ''), server).href : undefined;
}

/**
 * The recordings of a replay, in step with its clock (ms since the epoch). Each participant's
 * recording begins at its `startedAt` (media time 0), so the moment `at` is media time
 * `at − startedAt` in it, and lies outside it before its start and after its last chunk. The model
 * keeps one attached `<video>`/`<audio>` per recording in step: seeking moves every element to its
 * media time; playing plays those whose recording covers the moment, pauses the others, and
 * moves any that drift back into step. While playing, the clock is the media's own — the first
 * playing element's time — so that the code replay follows what is heard; where no recording
 * covers the moment, the wall clock runs instead. Framework-free.
 */
export class ReplayMedia {
  readonly tracks: readonly MediaTrack[];
  /** The replay's span: the given one, widened to every recording. */
  readonly start: number;
  readonly end: number;
  readonly #elements = new Map<MediaTrack, PlayableMedia>();
  readonly #options: ReplayMediaOptions;
  readonly #now: () => number;
  #at: number;
  #playing = false;
  #wall = 0;
  #frame = 0;

  constructor(recordings: readonly RecordingState[], options: ReplayMediaOptions = {}) {
    this.tracks = recordings
      .map((recording) => {
        const start = Date.parse(recording.startedAt);
        return { recording, start, end: Math.max(start, Date.parse(recording.updatedAt)) };
      })
      .filter((track) => Number.isFinite(track.start) && Number.isFinite(track.end));
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
    const starts = [...this.tracks.map((t) => t.start), ...(options.span ? [options.span.start] : [])];
    const ends = [...this.tracks.map((t) => t.end), ...(options.span ? [options.span.end] : [])];
    this.start = starts.length ? Math.min(...starts) : 0;
    this.end = ends.length ? Math.max(...ends) : 0;
    this.#at = this.start;
  }

  /** The moment shown, ms since the epoch. */
  get at(): number {
    return this.#at;
  }

  get playing(): boolean {
    return this.#playing;
  }

  /** The track of a recording, if it is one of the replay's. */
  trackOf(recordingId: string): MediaTrack | undefined {
    return this.tracks.find((track) => track.recording.id === recordingId);
  }

  /** Seconds into `track`'s media at the moment `at`; `undefined` before its start or after its end. */
  mediaTime(track: MediaTrack, at: number): number | undefined {
    return at < track.start || at > track.end ? undefined : (at - track.start) / 1000;
  }

  /** Attaches (or, with `undefined`, detaches) the element playing a recording; it is moved to the moment shown. */
  attach(recordingId: string, element: PlayableMedia | undefined): void {
    const track = this.trackOf(recordingId);
    if (!track) return;
    if (element) this.#elements.set(track, element);
    else this.#elements.delete(track);
    this.#keepInStep(undefined, true);
  }

  /** Shows the moment `at` (clamped to the span): every element moves to its media time. */
  seek(at: number): void {
    this.#at = clamp(at, this.start, this.end);
    this.#wall = this.#now();
    this.#keepInStep(undefined, true);
    this.#options.onTime?.(this.#at);
  }

  /** Plays from the moment shown (from the start again once at the end). */
  play(): void {
    if (this.#playing) return;
    if (this.#at >= this.end) this.#at = this.start;
    this.#playing = true;
    this.#wall = this.#now();
    this.#keepInStep(undefined, true);
    this.#options.onPlaying?.(true);
    const tick = () => {
      if (!this.#playing) return;
      this.#tick();
      if (this.#playing) this.#frame = requestAnimationFrame(tick);
    };
    this.#frame = requestAnimationFrame(tick);
  }

  pause(): void {
    if (!this.#playing) return;
    this.#playing = false;
    cancelAnimationFrame(this.#frame);
    this.#keepInStep(undefined, true);
    this.#options.onPlaying?.(false);
    this.#options.onTime?.(this.#at);
  }

  toggle(): void {
    if (this.#playing) this.pause();
    else this.play();
  }

  destroy(): void {
    this.pause();
    for (const element of this.#elements.values()) element.pause();
    this.#elements.clear();
  }

  /** One frame of playing: the clock moves on (the media's, else the wall's), the elements follow. */
  #tick(): void {
    const now = this.#now();
    const leader = this.#leader();
    const at = leader ? leader[0].start + leader[1].currentTime * 1000 : this.#at + (now - this.#wall);
    this.#wall = now;
    // A recording's own clock may run a little past its stored end: stay within it.
    this.#at = clamp(Math.max(at, this.#at), this.start, this.end);
    if (this.#at >= this.end) {
      this.pause();
      return;
    }
    this.#keepInStep(leader?.[0], false);
    this.#options.onTime?.(this.#at);
  }

  /** The first element playing inside its recording: its time is the clock. */
  #leader(): [MediaTrack, PlayableMedia] | undefined {
    for (const [track, element] of this.#elements) {
      if (!element.paused && this.mediaTime(track, this.#at) !== undefined) return [track, element];
    }
    return undefined;
  }

  /**
   * Each element to where the clock says: paused outside its recording (at its nearer end);
   * inside, moved when `exact` or out of step by more than the tolerance (the leader excepted),
   * and playing or paused with the replay.
   */
  #keepInStep(leader: MediaTrack | undefined, exact: boolean): void {
    const tolerance = (this.#options.toleranceMs ?? 300) / 1000;
    for (const [track, element] of this.#elements) {
      const time = this.mediaTime(track, this.#at);
      if (time === undefined || !this.#playing) {
        if (!element.paused) element.pause();
        const target = time ?? (this.#at < track.start ? 0 : (track.end - track.start) / 1000);
        if (exact && Math.abs(element.currentTime - target) > 0.01) element.currentTime = target;
        continue;
      }
      if (track !== leader && (exact || Math.abs(element.currentTime - time) > tolerance)) element.currentTime = time;
      // A refused play (autoplay policy, a broken link) leaves the element paused; the wall clock runs on.
      if (element.paused) element.play().catch(() => undefined);
    }
  }
}

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));
