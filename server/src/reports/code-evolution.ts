import * as Y from 'yjs';
import { codeOf } from '@interview-kit/core/collab/structure';

/**
 * How the code grew over the interview, from the shared document's update log: its size after
 * each edit, the runs on the same clock, and the idle stretches in which nobody edited or ran
 * anything. Framework-free; the report draws it as an SVG chart.
 *
 * @module
 */

/** A pause of this long or longer without edits or runs is an idle stretch. */
export const IDLE_THRESHOLD_MS = 2 * 60_000;
/** Points kept for the chart; longer logs keep the last size of each slice of time. */
export const MAX_POINTS = 400;

export interface SizePoint {
  at: string;
  /** Characters of code after this update. */
  chars: number;
}

export interface IdleStretch {
  from: string;
  to: string;
  seconds: number;
}

export interface CodeEvolution {
  /** Start of the chart: the interview's start, else the first activity. */
  from: string | null;
  /** End of the chart: the interview's end, else the last activity. */
  to: string | null;
  points: SizePoint[];
  runs: { at: string; passed: boolean | null }[];
  idle: IdleStretch[];
}

/** One entry of the update log. */
export interface LoggedUpdate {
  createdAt: string;
  update: Uint8Array;
}

/**
 * The code's size over time. `updates` is the whole log of the shared document, oldest first;
 * `runs` their times and whether every test they ran passed (`null`: no tests); `slot` the code
 * slot of the question whose code it measures (0, the first question's, by default).
 */
export function codeEvolutionOf(
  updates: LoggedUpdate[],
  runs: { at: string; passed: boolean | null }[],
  window: { startedAt: string | null; endedAt: string | null },
  slot = 0,
): CodeEvolution {
  const doc = new Y.Doc();
  const points: SizePoint[] = [];
  try {
    const code = codeOf(doc, slot);
    for (const { createdAt, update } of updates) {
      Y.applyUpdate(doc, update);
      const last = points[points.length - 1];
      if (last && last.chars === code.length) continue;
      points.push({ at: createdAt, chars: code.length });
    }
  } finally {
    doc.destroy();
  }
  // Every edit counts as activity, also one that leaves the size as it was.
  const times = [...updates.map((u) => Date.parse(u.createdAt)), ...runs.map((r) => Date.parse(r.at))].sort((a, b) => a - b);
  const from = window.startedAt ? Date.parse(window.startedAt) : times[0];
  const to = window.endedAt ? Date.parse(window.endedAt) : times[times.length - 1];
  if (from === undefined || to === undefined) return { from: null, to: null, points: [], runs, idle: [] };
  return { from: iso(from), to: iso(to), points: thin(points, from, to), runs, idle: idleStretches(times, from, to) };
}

/** Gaps of at least {@link IDLE_THRESHOLD_MS} between activities (and the window's ends). */
function idleStretches(times: number[], from: number, to: number): IdleStretch[] {
  const marks = [from, ...times.filter((t) => t > from && t < to), to];
  const idle: IdleStretch[] = [];
  for (let i = 1; i < marks.length; i++) {
    const gap = marks[i]! - marks[i - 1]!;
    if (gap >= IDLE_THRESHOLD_MS) idle.push({ from: iso(marks[i - 1]!), to: iso(marks[i]!), seconds: Math.round(gap / 1000) });
  }
  return idle;
}

/** At most {@link MAX_POINTS} points: the last of each equal slice of the window. */
function thin(points: SizePoint[], from: number, to: number): SizePoint[] {
  if (points.length <= MAX_POINTS) return points;
  const slice = Math.max(1, (to - from) / MAX_POINTS);
  const kept = new Map<number, SizePoint>();
  for (const point of points) kept.set(Math.floor((Date.parse(point.at) - from) / slice), point);
  return [...kept.values()];
}

const iso = (ms: number) => new Date(ms).toISOString();
