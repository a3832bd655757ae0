import { formatsFor } from '@interview-kit/core';
import { VERDICT_NAMES_ES } from '../../run/locales/es.js';
import type { RunPanelStrings } from '../run-panel.strings.js';

const f = formatsFor('es');
const tests = (n: number) => f.plural(n, { one: '# prueba', other: '# pruebas' });

/** `<interview-run-panel>` en español. */
export const RUN_PANEL_STRINGS_ES: RunPanelStrings = {
  run: 'Ejecutar',
  runTests: 'Ejecutar pruebas',
  cancel: 'Cancelar',
  shortcut: (mac) => (mac ? '⌘ Intro' : 'Ctrl+Intro'),
  language: 'Lenguaje',
  stdin: 'Entrada (stdin)',
  stdinPlaceholder: 'Texto que el programa lee de la entrada estándar',
  output: 'Salida',
  runInput: 'Entrada de esta ejecución',
  runInputCut: (kib) => `(solo se guardan los primeros ${f.unit(kib, 'kilobyte')})`,
  noOutput: 'Sin salida.',
  idle: 'Pulse Ejecutar para ejecutar el código.',
  running: (elapsed) => `Ejecutando… ${elapsed}`,
  queued: 'Esperando un entorno aislado libre…',
  verdicts: VERDICT_NAMES_ES,
  exitCode: (code) => `código de salida ${f.number(code, { useGrouping: false })}`,
  signal: (name) => `terminado por ${name}`,
  time: (wallMs, cpuMs) => `${f.unit(wallMs, 'millisecond')} (CPU ${f.unit(cpuMs, 'millisecond')})`,
  memory: (kb) => (kb >= 1024 ? f.unit(kb / 1024, 'megabyte', 'short', { maximumFractionDigits: 1 }) : f.unit(kb, 'kilobyte')),
  ranBy: (name, time) => `Ejecutado por ${name} a las ${time}`,
  truncated: 'La salida se recortó: superó el tamaño que se guarda.',
  compileOutput: 'Salida del compilador',
  tests: 'Resultados de las pruebas',
  testColumn: 'Prueba',
  resultColumn: 'Resultado',
  detailsColumn: 'Detalles',
  test: (index) => `Prueba ${f.number(index + 1)}`,
  hiddenTest: (index) => `Prueba oculta ${f.number(index + 1)}`,
  testPassed: 'Superada',
  testFailed: 'Fallida',
  testOutcome: (failed, total) =>
    failed === 0
      ? total === 1
        ? 'La prueba se superó'
        : `Se superaron las ${f.number(total)} pruebas`
      : failed === total
        ? total === 1
          ? 'La prueba falló'
          : `Fallaron las ${f.number(total)} pruebas`
        : `${f.plural(failed, { one: 'Falló # de', other: 'Fallaron # de' })} ${tests(total)}`,
  testInput: 'Entrada',
  testExpected: 'Esperado',
  testActual: 'Obtenido',
  hiddenSummary: (passed, total) => `Pruebas ocultas: ${f.plural(passed, { one: 'se superó #', other: 'se superaron #' })} de ${tests(total)}`,
  history: (count) => `Historial de ejecuciones (${f.number(count)})`,
  historyItem: (name, time, verdict) => `${time} · ${name} · ${verdict}`,
  observerCannotRun: 'Los observadores siguen las ejecuciones de los demás y no pueden ejecutar código.',
  sessionEnded: 'La sesión ha finalizado; ya no se puede ejecutar código.',
  sessionCancelled: 'La entrevista se canceló; no se puede ejecutar código.',
  unavailable: (reason) => `No se puede ejecutar código en este servidor: ${reason}`,
  noSession: 'No hay conexión con una sesión de entrevista.',
  cancelled: 'Se canceló la ejecución.',
  busy: (seconds) => `El servidor está ocupado; vuelva a intentarlo en ${f.plural(seconds, { one: '# segundo', other: '# segundos' })}.`,
  failed: (reason) => `La ejecución falló: ${reason}`,
  announceFinished: (verdict, summary) => `Ejecución finalizada: ${verdict}. ${summary}`,
  announceRemote: (name, verdict) => `${name} ejecutó el código: ${verdict}.`,
  announceStarted: 'Ejecutando el código.',
};
