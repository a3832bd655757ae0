import { getStroke } from 'perfect-freehand';
import type * as Y from 'yjs';
import { SHARED_STRUCTURE } from './structure.js';

/**
 * The whiteboard of a session's shared document: `Y.Map('board')`, shape id → `Y.Map` of one
 * shape's fields (see {@link BoardShape}). Everyone who may edit the code may draw; the server
 * bounds the number of shapes and the points of a stroke (`BOARD_MAX_SHAPES`, `BOARD_MAX_POINTS`).
 * Lit-free and browser-free: the server renders the final board into the report with
 * {@link boardToSvg}, the element renders and exports with the same functions.
 */
export const SHARED_BOARD = SHARED_STRUCTURE.board;

/** The kinds of shape on the board. */
export const BOARD_KINDS = ['pen', 'line', 'arrow', 'rect', 'ellipse', 'text', 'note'] as const;
export type BoardShapeKind = (typeof BOARD_KINDS)[number];

/** Kinds drawn through points (relative to the shape's `x`, `y`). */
export const POINT_KINDS: ReadonlySet<BoardShapeKind> = new Set(['pen', 'line', 'arrow']);

/** The colour that follows the reader's theme (the text colour); every other colour is `#rrggbb`. */
export const INK = 'ink';

/** The colours the board offers, ink first. */
export const BOARD_COLOURS: readonly string[] = [INK, '#dc2626', '#2563eb', '#16a34a', '#d97706', '#7c3aed'];

/** One shape, as read (and sanitised) from the shared document. */
export interface BoardShape {
  id: string;
  kind: BoardShapeKind;
  /** The shape's box: top-left corner, width and height (never negative), in board units. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** Pen, line and arrow: flat `[x0, y0, x1, y1, …]` relative to `x`, `y`; empty for the others. */
  points: readonly number[];
  /** {@link INK} or `#rrggbb`. */
  colour: string;
  /** Text and note: what they say. */
  text: string;
  /** The Yjs client id of whoever drew it. */
  author: number;
  /** Stacking order: higher is drawn later (on top). */
  z: number;
}

/** The fields a shape's `Y.Map` holds. */
export type BoardShapeFields = Omit<BoardShape, 'id'>;

/** Longest text a text shape or note shows. */
const MAX_TEXT = 4_000;
/** Width of lines, arrows and outlines; the pen's stroke size. */
const LINE_WIDTH = 3;
const PEN_SIZE = 6;
const FONT_SIZE = 20;
const NOTE_FILL = '#fef3c7';
const NOTE_TEXT = '#1f2937';
const NOTE_PADDING = 12;

/** The board of a session document. */
export function boardOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(SHARED_BOARD);
}

const finite = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const COLOUR = /^#[0-9a-f]{6}$/i;

/** One shape of the board, sanitised (anything a forged client wrote is made harmless); `undefined` when it is no shape. */
export function readShape(id: string, fields: Y.Map<unknown> | undefined): BoardShape | undefined {
  if (!fields || typeof fields.get !== 'function') return undefined;
  const kind = fields.get('kind') as BoardShapeKind;
  if (!BOARD_KINDS.includes(kind)) return undefined;
  const points = fields.get('points');
  const colour = fields.get('colour');
  const text = fields.get('text');
  return {
    id,
    kind,
    x: finite(fields.get('x')),
    y: finite(fields.get('y')),
    w: Math.max(0, finite(fields.get('w'))),
    h: Math.max(0, finite(fields.get('h'))),
    points: POINT_KINDS.has(kind) && Array.isArray(points) ? points.slice(0, points.length - (points.length % 2)).map(finite) : [],
    colour: typeof colour === 'string' && COLOUR.test(colour) ? colour : INK,
    text: typeof text === 'string' ? text.slice(0, MAX_TEXT) : '',
    author: finite(fields.get('author')),
    z: finite(fields.get('z')),
  };
}

/** Every shape of the board, bottom first (by `z`, then id). */
export function boardShapes(doc: Y.Doc): BoardShape[] {
  const shapes: BoardShape[] = [];
  boardOf(doc).forEach((fields, id) => {
    const shape = readShape(id, fields);
    if (shape) shapes.push(shape);
  });
  return shapes.sort((a, b) => a.z - b.z || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** What the board holds, against its quotas: the number of shapes and the points of its longest stroke. */
export function boardUsage(doc: Y.Doc): { shapes: number; longestStroke: number } {
  let shapes = 0;
  let longestStroke = 0;
  boardOf(doc).forEach((fields) => {
    shapes++;
    const points = typeof fields?.get === 'function' ? fields.get('points') : undefined;
    if (Array.isArray(points)) longestStroke = Math.max(longestStroke, Math.floor(points.length / 2));
  });
  return { shapes, longestStroke };
}

/** The smallest box holding `points` (flat), and the points moved so that the box starts at 0, 0. */
export function boxOfPoints(points: readonly number[]): { x: number; y: number; w: number; h: number; points: number[] } {
  if (points.length < 2) return { x: 0, y: 0, w: 0, h: 0, points: [] };
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i + 1 < points.length; i += 2) {
    minX = Math.min(minX, points[i]!);
    maxX = Math.max(maxX, points[i]!);
    minY = Math.min(minY, points[i + 1]!);
    maxY = Math.max(maxY, points[i + 1]!);
  }
  return { x: minX, y: minY, w: maxX - minX, h: maxY - minY, points: points.map((v, i) => round(v - (i % 2 === 0 ? minX : minY))) };
}

const round = (value: number): number => Math.round(value * 100) / 100;

const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The pen's smoothed outline (perfect-freehand) as SVG path data, in board units. */
export function penPath(shape: Pick<BoardShape, 'x' | 'y' | 'points'>): string {
  const input: [number, number][] = [];
  for (let i = 0; i + 1 < shape.points.length; i += 2) input.push([shape.x + shape.points[i]!, shape.y + shape.points[i + 1]!]);
  const outline = getStroke(input, { size: PEN_SIZE, thinning: 0.5, smoothing: 0.5, streamline: 0.5, last: true });
  if (outline.length < 2) return '';
  // Quadratic curves through the outline's midpoints (perfect-freehand's own recipe).
  const [first, ...rest] = outline as [number, number][];
  let d = `M${round(first![0])} ${round(first![1])}Q`;
  [first!, ...rest].forEach(([x0, y0], i, all) => {
    const [x1, y1] = all[(i + 1) % all.length]!;
    d += `${round(x0)} ${round(y0)} ${round((x0 + x1) / 2)} ${round((y0 + y1) / 2)} `;
  });
  return `${d.trimEnd()}Z`;
}

/** The two ends of a line or arrow, in board units. */
function endsOf(shape: BoardShape): [number, number, number, number] {
  const p = shape.points;
  const n = p.length;
  return [shape.x + (p[0] ?? 0), shape.y + (p[1] ?? 0), shape.x + (p[n - 2] ?? shape.w), shape.y + (p[n - 1] ?? shape.h)];
}

/** A text's lines as `<tspan>`s starting at `x`, the first line's baseline at `y`. */
function textLines(text: string, x: number, y: number): string {
  return text
    .split('\n')
    .map((line, i) => `<tspan x="${round(x)}" ${i === 0 ? `y="${round(y)}"` : 'dy="1.25em"'}>${escapeXml(line) || ' '}</tspan>`)
    .join('');
}

/** One shape as SVG markup (a `<g data-id>`); `ink` is the colour written for {@link INK}. */
export function shapeSvg(shape: BoardShape, ink = 'currentColor'): string {
  const colour = shape.colour === INK ? ink : shape.colour;
  const { x, y, w, h } = shape;
  const outline = `fill="none" stroke="${colour}" stroke-width="${LINE_WIDTH}" stroke-linecap="round" stroke-linejoin="round"`;
  let body: string;
  switch (shape.kind) {
    case 'pen':
      body = `<path d="${penPath(shape)}" fill="${colour}"/>`;
      break;
    case 'line':
    case 'arrow': {
      const [x1, y1, x2, y2] = endsOf(shape);
      body = `<line x1="${round(x1)}" y1="${round(y1)}" x2="${round(x2)}" y2="${round(y2)}" ${outline}/>`;
      if (shape.kind === 'arrow') body += `<path d="${arrowHead(x1, y1, x2, y2)}" ${outline}/>`;
      break;
    }
    case 'rect':
      body = `<rect x="${round(x)}" y="${round(y)}" width="${round(w)}" height="${round(h)}" rx="2" ${outline}/>`;
      break;
    case 'ellipse':
      body = `<ellipse cx="${round(x + w / 2)}" cy="${round(y + h / 2)}" rx="${round(w / 2)}" ry="${round(h / 2)}" ${outline}/>`;
      break;
    case 'text':
      body = `<text font-family="sans-serif" font-size="${FONT_SIZE}" fill="${colour}">${textLines(shape.text, x, y + FONT_SIZE)}</text>`;
      break;
    case 'note':
      body =
        `<rect x="${round(x)}" y="${round(y)}" width="${round(w)}" height="${round(h)}" rx="4" fill="${NOTE_FILL}" stroke="${colour}" stroke-width="2"/>` +
        `<text font-family="sans-serif" font-size="${FONT_SIZE - 4}" fill="${NOTE_TEXT}">${textLines(shape.text, x + NOTE_PADDING, y + NOTE_PADDING + FONT_SIZE - 4)}</text>`;
      break;
  }
  return `<g data-id="${escapeXml(shape.id)}" data-kind="${shape.kind}">${body}</g>`;
}

/** The two strokes of an arrow's head at (x2, y2), pointing away from (x1, y1). */
function arrowHead(x1: number, y1: number, x2: number, y2: number): string {
  const angle = Math.atan2(y2 - y1, x2 - x1);
  const size = 14;
  const wing = (turn: number) => `${round(x2 - size * Math.cos(angle + turn))} ${round(y2 - size * Math.sin(angle + turn))}`;
  return `M${wing(Math.PI / 7)} L${round(x2)} ${round(y2)} L${wing(-Math.PI / 7)}`;
}

/** The box holding every shape (with room for strokes), or `undefined` for none. */
export function boundsOf(shapes: readonly BoardShape[]): { x: number; y: number; w: number; h: number } | undefined {
  if (shapes.length === 0) return undefined;
  const margin = PEN_SIZE + 8;
  const x = Math.min(...shapes.map((s) => s.x)) - margin;
  const y = Math.min(...shapes.map((s) => s.y)) - margin;
  // Text has no stored width worth trusting: give it room for its longest line.
  const right = Math.max(...shapes.map((s) => s.x + Math.max(s.w, s.kind === 'text' ? textWidth(s.text) : 0))) + margin;
  const bottom = Math.max(...shapes.map((s) => s.y + Math.max(s.h, s.kind === 'text' ? textHeight(s.text) : 0))) + margin;
  return { x, y, w: right - x, h: bottom - y };
}

/** A text's rough width in board units (for boxes around text). */
export function textWidth(text: string): number {
  return Math.max(...text.split('\n').map((line) => line.length)) * FONT_SIZE * 0.6;
}

/** A text's rough height in board units. */
export function textHeight(text: string): number {
  return text.split('\n').length * FONT_SIZE * 1.25 + 4;
}

/** How {@link boardToSvg} draws. */
export interface BoardSvgOptions {
  /** The colour of {@link INK} (default a near-black). */
  ink?: string;
  /** The background (default white; `none` for none). */
  background?: string;
  /** The picture's accessible name. */
  label?: string;
}

/** The shapes as one standalone SVG picture, cropped to them; `''` when there are none. */
export function shapesToSvg(shapes: readonly BoardShape[], { ink = NOTE_TEXT, background = '#ffffff', label = 'Whiteboard' }: BoardSvgOptions = {}): string {
  const box = boundsOf(shapes);
  if (!box) return '';
  const [x, y, w, h] = [box.x, box.y, box.w, box.h].map(round) as [number, number, number, number];
  const fill = background === 'none' ? '' : `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${escapeXml(background)}"/>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${x} ${y} ${w} ${h}" width="${Math.ceil(w)}" height="${Math.ceil(h)}" role="img" aria-label="${escapeXml(label)}">` +
    `${fill}${shapes.map((shape) => shapeSvg(shape, ink)).join('')}</svg>`
  );
}

/** The final board of a session document as a standalone SVG picture; `''` when it has no shapes. */
export function boardToSvg(doc: Y.Doc, options?: BoardSvgOptions): string {
  return shapesToSvg(boardShapes(doc), options);
}
