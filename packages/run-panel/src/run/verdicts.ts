import type { RunVerdict } from '@interview-kit/core';

/** How each verdict reads in English; the elements' string tables start from it. */
export const VERDICT_NAMES_EN: Record<RunVerdict, string> = {
  ok: 'Finished',
  compile_error: 'Compilation error',
  runtime_error: 'Runtime error',
  time_limit: 'Time limit exceeded',
  memory_limit: 'Memory limit exceeded',
  output_limit: 'Output limit exceeded',
  internal_error: 'Internal error',
};
