import type { TranscriptSegment } from '../protocol.js';

/** A transcript segment placed on the replay's clock (ms since the epoch). Framework-free. */
export interface TimedSegment {
  /** Where the segment sits in the transcript (its key in lists). */
  index: number;
  participantId: string;
  /** Its start and end on the session's timeline, ms since the epoch. */
  start: number;
  end: number;
  text: string;
}

/** The segments of a transcript on the session's timeline, in time order. */
export function timedSegments(segments: readonly TranscriptSegment[]): TimedSegment[] {
  return segments
    .map((segment) => {
      const start = Date.parse(segment.at);
      return { participantId: segment.participantId, start, end: start + Math.max(0, segment.endMs - segment.startMs), text: segment.text };
    })
    .filter((segment) => Number.isFinite(segment.start))
    .sort((a, b) => a.start - b.start)
    .map((segment, index) => ({ index, ...segment }));
}

/**
 * What is being said at `at` (ms since the epoch): every segment spoken then, one per speaker (the
 * latest begun), oldest first — the captions of that moment.
 */
export function segmentsAt(segments: readonly TimedSegment[], at: number): TimedSegment[] {
  const bySpeaker = new Map<string, TimedSegment>();
  for (const segment of segments) {
    if (segment.start > at) break;
    if (at <= segment.end) bySpeaker.set(segment.participantId, segment);
  }
  return [...bySpeaker.values()].sort((a, b) => a.start - b.start);
}

/** Lower case, without accents, so that "resume" finds "Résumé". */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/**
 * The segments holding every word of `query` (in any order, ignoring case and accents), in time
 * order; none for an empty query.
 */
export function searchSegments(segments: readonly TimedSegment[], query: string): TimedSegment[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return segments.filter((segment) => {
    const text = fold(segment.text);
    return words.every((word) => text.includes(word));
  });
}
