import type { RunVerdict } from '@interview-kit/core';

/** Cómo se llama cada resultado de una ejecución (lo comparten los dos elementos del paquete). */
export const VERDICT_NAMES_ES: Record<RunVerdict, string> = {
  ok: 'Finalizada',
  compile_error: 'Error de compilación',
  runtime_error: 'Error de ejecución',
  time_limit: 'Límite de tiempo superado',
  memory_limit: 'Límite de memoria superado',
  output_limit: 'Límite de salida superado',
  internal_error: 'Error interno',
};
