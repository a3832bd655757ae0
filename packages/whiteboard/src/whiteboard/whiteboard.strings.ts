import { LocaleCatalog } from '@interview-kit/core';

/** The board's tools, in toolbar order. */
export const TOOLS = ['select', 'hand', 'pen', 'line', 'arrow', 'rect', 'ellipse', 'text', 'note'] as const;
export type Tool = (typeof TOOLS)[number];

/**
 * Every user-facing string of `<interview-whiteboard>`. The board shows the table of its language
 * ({@link WHITEBOARD_LOCALES}); pass a subset as `strings` to change any of it.
 */
export interface WhiteboardStrings {
  /** Accessible name of the drawing area. */
  label: string;
  /** Appended to the label when the board cannot be drawn on. */
  readOnlySuffix: string;
  /** Accessible name of the toolbar. */
  toolbar: string;
  /** Each tool's button label. */
  tools: Record<Tool, string>;
  /** Accessible name of the colour choice. */
  colours: string;
  /** Each colour's name, by the colour's place in the palette (ink first). */
  colourNames: [string, string, string, string, string, string];
  undo: string;
  redo: string;
  delete: string;
  zoomIn: string;
  zoomOut: string;
  /** Resets zoom and pan; `zoom` is the zoom now, as a percentage the language writes (e.g. "100%"). */
  resetZoom: (zoom: string) => string;
  exportPng: string;
  exportSvg: string;
  /** Accessible name of the box where a text or note is written. */
  textInput: string;
  /** The keyboard shortcuts (read to assistive technology). */
  keyboardHint: string;
  /** Announced when the board is read-only: after the end, for observers, in replay. */
  readOnlyNotice: string;
  /** The board is empty (read-only). */
  empty: string;
  replayLoading: string;
  replayFailed: (reason: string) => string;
  /** The file name of an export, without extension. */
  fileName: string;
}

export const WHITEBOARD_STRINGS_EN: WhiteboardStrings = {
  label: 'Whiteboard',
  readOnlySuffix: '(read-only)',
  toolbar: 'Drawing tools',
  tools: {
    select: 'Select (V)',
    hand: 'Pan (H)',
    pen: 'Pen (P)',
    line: 'Line (L)',
    arrow: 'Arrow (A)',
    rect: 'Rectangle (R)',
    ellipse: 'Ellipse (O)',
    text: 'Text (T)',
    note: 'Sticky note (N)',
  },
  colours: 'Colour',
  colourNames: ['Ink', 'Red', 'Blue', 'Green', 'Orange', 'Purple'],
  undo: 'Undo',
  redo: 'Redo',
  delete: 'Delete',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  resetZoom: (zoom) => `Reset zoom (${zoom})`,
  exportPng: 'Export PNG',
  exportSvg: 'Export SVG',
  textInput: 'Text',
  keyboardHint:
    'Tools: V select, H pan, P pen, L line, A arrow, R rectangle, O ellipse, T text, N note. Delete removes the selection, Ctrl+Z undoes, Ctrl+Shift+Z redoes, plus and minus zoom, hold Space and drag to pan.',
  readOnlyNotice: 'The whiteboard is read-only.',
  empty: 'Nothing was drawn.',
  replayLoading: 'Loading the replay…',
  replayFailed: (reason) => `The replay could not be loaded: ${reason}`,
  fileName: 'whiteboard',
};

/** The board's strings in every built-in language: English at hand, German, Spanish and Arabic loaded on first need. */
export const WHITEBOARD_LOCALES = new LocaleCatalog<WhiteboardStrings>(WHITEBOARD_STRINGS_EN, {
  de: () => import('./locales/de.js').then((m) => m.WHITEBOARD_STRINGS_DE),
  es: () => import('./locales/es.js').then((m) => m.WHITEBOARD_STRINGS_ES),
  ar: () => import('./locales/ar.js').then((m) => m.WHITEBOARD_STRINGS_AR),
});
