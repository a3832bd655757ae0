import type { RunVerdict } from '@interview-kit/core';

/** Wie jedes Ergebnis einer Ausführung heißt (beide Elemente des Pakets teilen es). */
export const VERDICT_NAMES_DE: Record<RunVerdict, string> = {
  ok: 'Beendet',
  compile_error: 'Kompilierfehler',
  runtime_error: 'Laufzeitfehler',
  time_limit: 'Zeitlimit überschritten',
  memory_limit: 'Speicherlimit überschritten',
  output_limit: 'Ausgabelimit überschritten',
  internal_error: 'Interner Fehler',
};
