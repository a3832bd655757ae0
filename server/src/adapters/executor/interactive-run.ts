import type { SandboxOutcome } from './sandbox-process.js';
import type { InteractiveEndReason, RunResult } from './types.js';

/**
 * Ends an interactive run nobody uses: `onIdle` runs once no `touch` (input or output) came for
 * `idleMs`. Started on creation; `stop` when the run has ended.
 */
export class IdleWatch {
  #timer: NodeJS.Timeout;

  constructor(
    private readonly idleMs: number,
    private readonly onIdle: () => void,
  ) {
    this.#timer = setTimeout(onIdle, idleMs);
  }

  /** Input or output happened: the idle time starts again. */
  touch(): void {
    this.#timer.refresh();
  }

  stop(): void {
    clearTimeout(this.#timer);
  }
}

/** Why an interactive run ended, from how its sandbox ended and the verdict that gives. */
export function endReasonOf(outcome: SandboxOutcome, verdict: RunResult['verdict']): InteractiveEndReason {
  if (outcome.setupError) return 'internal_error';
  switch (outcome.killedBy) {
    case 'idle':
      return 'idle';
    case 'wall':
      return 'total';
    case 'output':
      return 'output';
    case 'abort':
      return 'stopped';
  }
  if (verdict === 'time_limit') return 'cpu';
  if (verdict === 'memory_limit') return 'memory';
  if (verdict === 'internal_error') return 'internal_error';
  return 'exit';
}
