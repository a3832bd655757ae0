import { formatsFor } from '@interview-kit/core';
import type { EditorStrings } from '../editor.strings.js';

const f = formatsFor('es');

/** `<interview-editor>` en español. */
export const EDITOR_STRINGS_ES: EditorStrings = {
  label: 'Código',
  readOnlySuffix: '(solo lectura)',
  language: 'Lenguaje',
  plainText: 'Texto sin formato',
  present: 'Presentes',
  you: '(usted)',
  status: {
    connecting: 'Conectando…',
    connected: 'Conectado, sincronizando…',
  },
  save: {
    saving: 'Guardando…',
    saved: 'Todos los cambios guardados',
    offline: 'Sin conexión: sus cambios se conservan y se sincronizarán cuando vuelva la conexión',
  },
  notSaved: {
    ended: 'No guardado: la entrevista ha finalizado',
    'read-only': 'No guardado: solo puede leer esta sesión',
    quota: 'No guardado: el documento alcanzó su tamaño máximo',
    other: (reason) => `No guardado: ${reason}`,
  },
  endedBanner: 'La entrevista ha finalizado. El código es de solo lectura.',
  keyboardHint: 'Tab añade sangría. Pulse Escape y luego Tab para salir del editor.',
  replay: 'Reproducción',
  play: 'Reproducir',
  pause: 'Pausa',
  speed: 'Velocidad',
  skipIdle: 'Omitir los tiempos muertos',
  position: 'Posición de la reproducción',
  positionOf: (position, duration) => `${position} / ${duration}`,
  speedFactor: (factor) => `${factor}×`,
  replayLoading: 'Cargando la reproducción…',
  replayEmpty: 'Todavía no se ha escrito nada.',
  replayFailed: (reason) => `No se pudo cargar la reproducción: ${reason}`,
  runs: 'Ejecuciones',
  runMark: (time, outcome) => `Ejecución en ${time}: ${outcome}`,
  latestRun: (time, name, outcome) => `Última ejecución, en ${time} por ${name}: ${outcome}`,
  noRunYet: 'Aún no hay ninguna ejecución en este momento.',
  testsOutcome: (failed, total) => {
    if (failed === 0) return total === 1 ? 'la prueba se superó' : `se superaron las ${f.number(total)} pruebas`;
    if (failed === total) return total === 1 ? 'la prueba falló' : `fallaron las ${f.number(total)} pruebas`;
    return `${f.plural(failed, { one: 'falló # de', other: 'fallaron # de' })} ${f.number(total)} pruebas`;
  },
  verdicts: {
    ok: 'finalizada',
    compile_error: 'error de compilación',
    runtime_error: 'error de ejecución',
    time_limit: 'límite de tiempo superado',
    memory_limit: 'límite de memoria superado',
    output_limit: 'límite de salida superado',
    internal_error: 'error interno',
  },
};
