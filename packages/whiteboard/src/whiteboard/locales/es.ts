import type { WhiteboardStrings } from '../whiteboard.strings.js';

/** `<interview-whiteboard>` en español. */
export const WHITEBOARD_STRINGS_ES: WhiteboardStrings = {
  label: 'Pizarra',
  readOnlySuffix: '(solo lectura)',
  toolbar: 'Herramientas de dibujo',
  tools: {
    select: 'Seleccionar (V)',
    hand: 'Desplazar (H)',
    pen: 'Lápiz (P)',
    line: 'Línea (L)',
    arrow: 'Flecha (A)',
    rect: 'Rectángulo (R)',
    ellipse: 'Elipse (O)',
    text: 'Texto (T)',
    note: 'Nota adhesiva (N)',
  },
  colours: 'Color',
  colourNames: ['Tinta', 'Rojo', 'Azul', 'Verde', 'Naranja', 'Morado'],
  undo: 'Deshacer',
  redo: 'Rehacer',
  delete: 'Eliminar',
  zoomIn: 'Acercar',
  zoomOut: 'Alejar',
  resetZoom: (zoom) => `Restablecer el zoom (${zoom})`,
  exportPng: 'Exportar PNG',
  exportSvg: 'Exportar SVG',
  textInput: 'Texto',
  keyboardHint:
    'Herramientas: V seleccionar, H desplazar, P lápiz, L línea, A flecha, R rectángulo, O elipse, T texto, N nota. Supr elimina la selección, Ctrl+Z deshace, Ctrl+Mayús+Z rehace, más y menos acercan y alejan, mantén Espacio y arrastra para desplazar.',
  readOnlyNotice: 'La pizarra es de solo lectura.',
  empty: 'No se dibujó nada.',
  replayLoading: 'Cargando la reproducción…',
  replayFailed: (reason) => `No se pudo cargar la reproducción: ${reason}`,
  fileName: 'pizarra',
};
