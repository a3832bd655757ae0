import type { WhiteboardStrings } from '../whiteboard.strings.js';

/** `<interview-whiteboard>` auf Deutsch. */
export const WHITEBOARD_STRINGS_DE: WhiteboardStrings = {
  label: 'Whiteboard',
  readOnlySuffix: '(schreibgeschützt)',
  toolbar: 'Zeichenwerkzeuge',
  tools: {
    select: 'Auswählen (V)',
    hand: 'Verschieben (H)',
    pen: 'Stift (P)',
    line: 'Linie (L)',
    arrow: 'Pfeil (A)',
    rect: 'Rechteck (R)',
    ellipse: 'Ellipse (O)',
    text: 'Text (T)',
    note: 'Haftnotiz (N)',
  },
  colours: 'Farbe',
  colourNames: ['Tinte', 'Rot', 'Blau', 'Grün', 'Orange', 'Lila'],
  undo: 'Rückgängig',
  redo: 'Wiederholen',
  delete: 'Löschen',
  zoomIn: 'Vergrößern',
  zoomOut: 'Verkleinern',
  resetZoom: (zoom) => `Zoom zurücksetzen (${zoom})`,
  exportPng: 'Als PNG exportieren',
  exportSvg: 'Als SVG exportieren',
  textInput: 'Text',
  keyboardHint:
    'Werkzeuge: V Auswählen, H Verschieben, P Stift, L Linie, A Pfeil, R Rechteck, O Ellipse, T Text, N Notiz. Entf löscht die Auswahl, Strg+Z macht rückgängig, Strg+Umschalt+Z wiederholt, Plus und Minus zoomen, Leertaste halten und ziehen verschiebt.',
  readOnlyNotice: 'Das Whiteboard ist schreibgeschützt.',
  empty: 'Es wurde nichts gezeichnet.',
  replayLoading: 'Wiedergabe wird geladen …',
  replayFailed: (reason) => `Die Wiedergabe konnte nicht geladen werden: ${reason}`,
  fileName: 'whiteboard',
};
