import { formatsFor } from '@interview-kit/core';
import { VERDICT_NAMES_ES } from '../../run/locales/es.js';
import type { TestsStrings } from '../tests.strings.js';

const f = formatsFor('es');

/** `<interview-tests>` en español. */
export const TESTS_STRINGS_ES: TestsStrings = {
  caption: 'Pruebas',
  testColumn: 'Prueba',
  inputColumn: 'Entrada',
  expectedColumn: 'Esperado',
  resultColumn: 'Último resultado',
  timeColumn: 'Tiempo',
  test: (index) => `Prueba ${f.number(index + 1)}`,
  hidden: 'oculta',
  passed: 'Superada',
  failed: 'Fallida',
  error: (verdict) => `Error: ${verdict}`,
  notRun: 'Sin ejecutar',
  verdicts: VERDICT_NAMES_ES,
  time: (wallMs) => f.unit(wallMs, 'millisecond'),
  ranBy: (name, time) => `Ejecutada por ${name} a las ${time}`,
  actual: 'Salida obtenida',
  unseenHidden: (count) => f.plural(count, { one: 'Y # prueba oculta, no mostrada.', other: 'Y # pruebas ocultas, no mostradas.' }),
  noTests: 'Esta pregunta no tiene pruebas.',
  noSession: 'No hay conexión con una sesión de entrevista.',
};
