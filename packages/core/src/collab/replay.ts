import { fromBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { projectOf, type ProjectFile } from './project.js';
import { codeOf, languageOf } from './structure.js';
import type { TimelineResponse } from './protocol.js';

/** One update of a timeline, decoded. */
export interface TimelineEntry {
  seq: number;
  author: string | null;
  /** Milliseconds since the epoch. */
  at: number;
  update: Uint8Array;
}

/** A session's update log, oldest first, as replay works on it. */
export type Timeline = readonly TimelineEntry[];

/** Decodes the server's timeline response. */
export function decodeTimeline(response: TimelineResponse): Timeline {
  return response.updates
    .map((entry) => ({ seq: entry.seq, author: entry.author, at: Date.parse(entry.at), update: fromBase64(entry.update) }))
    .sort((a, b) => a.seq - b.seq);
}

/**
 * The document as it was at time `t` (ms since the epoch): every update accepted at or before
 * `t`, applied in order. The caller owns (and should destroy) the returned document.
 */
export function reconstructAt(timeline: Timeline, t: number): Y.Doc {
  const doc = new Y.Doc();
  Y.transact(doc, () => {
    for (const entry of timeline) {
      if (entry.at > t) break;
      Y.applyUpdate(doc, entry.update);
    }
  });
  return doc;
}

/** What a replay shows at one moment. */
export interface ReplayFrame {
  /** The moment, ms since the epoch. */
  at: number;
  code: string;
  language: string | undefined;
  /** The question's project at that moment: the entry file (`code`, at `entryPathOf(language)`) first, then its other files by path. */
  files: ProjectFile[];
  /** How many updates are applied. */
  applied: number;
  /** Author of the last applied update. */
  lastAuthor: string | null;
}

/**
 * Steps through a timeline efficiently: moving forward applies only the new updates, moving
 * backward rebuilds from the start (Yjs updates cannot be un-applied). Its frames show the code
 * (and the project's files) of one question: the slot given (`SessionView.question.slot`; 0, the first question's `code`, by default).
 */
export class ReplayCursor {
  readonly timeline: Timeline;
  /** The code slot the frames show (`codeNamesOf` in `./structure.js`). */
  readonly slot: number;
  #doc = new Y.Doc();
  #applied = 0;

  constructor(timeline: Timeline, slot = 0) {
    this.timeline = timeline;
    this.slot = slot;
  }

  /** Time of the first update, or 0 for an empty timeline. */
  get start(): number {
    return this.timeline[0]?.at ?? 0;
  }

  /** Time of the last update, or 0 for an empty timeline. */
  get end(): number {
    return this.timeline.at(-1)?.at ?? 0;
  }

  /** The document as of the last {@link seek} (the cursor owns it; read it, never write it). */
  get doc(): Y.Doc {
    return this.#doc;
  }

  /** The document at `t`. */
  seek(t: number): ReplayFrame {
    let target = 0;
    while (target < this.timeline.length && this.timeline[target]!.at <= t) target++;
    if (target < this.#applied) {
      this.#doc.destroy();
      this.#doc = new Y.Doc();
      this.#applied = 0;
    }
    if (target > this.#applied) {
      Y.transact(this.#doc, () => {
        for (; this.#applied < target; this.#applied++) Y.applyUpdate(this.#doc, this.timeline[this.#applied]!.update);
      });
    }
    const language = languageOf(this.#doc, this.slot);
    return {
      at: t,
      code: codeOf(this.#doc, this.slot).toString(),
      language,
      files: projectOf(this.#doc, this.slot, language ?? ''),
      applied: this.#applied,
      lastAuthor: this.#applied > 0 ? this.timeline[this.#applied - 1]!.author : null,
    };
  }

  destroy(): void {
    this.#doc.destroy();
  }
}

/**
 * Maps replay time to the clock without the idle stretches: any pause between two updates
 * longer than `maxGapMs` counts as `maxGapMs`. Lets the scrubber and playback skip idle time.
 */
export class CompressedClock {
  readonly #points: { real: number; compressed: number }[] = [];
  /** Length of the compressed replay, ms. */
  readonly duration: number;

  constructor(timeline: Timeline, maxGapMs = 2_000) {
    let compressed = 0;
    let previous: number | undefined;
    for (const entry of timeline) {
      if (previous !== undefined) compressed += Math.min(entry.at - previous, maxGapMs);
      this.#points.push({ real: entry.at, compressed });
      previous = entry.at;
    }
    this.duration = compressed;
  }

  /** The real time at a compressed offset (0 … duration). */
  toReal(offset: number): number {
    const points = this.#points;
    if (points.length === 0) return 0;
    if (offset <= 0) return points[0]!.real;
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1]!;
      const b = points[i]!;
      if (offset <= b.compressed) {
        const span = b.compressed - a.compressed;
        return span === 0 ? b.real : a.real + ((offset - a.compressed) / span) * (b.real - a.real);
      }
    }
    return points.at(-1)!.real;
  }

  /** The compressed offset of a real time. */
  toOffset(real: number): number {
    const points = this.#points;
    if (points.length === 0 || real <= points[0]!.real) return 0;
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1]!;
      const b = points[i]!;
      if (real <= b.real) {
        const span = b.real - a.real;
        return span === 0 ? b.compressed : a.compressed + ((real - a.real) / span) * (b.compressed - a.compressed);
      }
    }
    return this.duration;
  }
}
