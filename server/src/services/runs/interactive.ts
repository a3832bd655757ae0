import type { ConsoleMode, ConsoleTranscriptEntry } from '@interview-kit/core/console/protocol';
import { transcriptText } from '@interview-kit/core/console/protocol';
import type { InteractiveControl, InteractiveResult, OutputStream } from '../../adapters/executor/types.js';
import type { NewRun } from './store.js';

/** What a participant asks the console to run. */
export interface InteractiveStart {
  language: string;
  mode: ConsoleMode;
  code: string;
  size: { cols: number; rows: number };
}

/** How the console drives an interactive run and hears from it. */
export interface InteractiveHooks {
  /** The run was admitted and has its id (it may still wait for a slot in the run queue). */
  onAdmitted(id: string): void;
  /** The program runs: the means to feed and interrupt it. */
  onStart(control: InteractiveControl): void;
  onOutput(stream: OutputStream, chunk: string): void;
  /** The transcript when the run has ended, for its record. */
  transcript(): { entries: ConsoleTranscriptEntry[]; truncated: boolean };
  /** Aborting ends the run (`stopped`). */
  signal: AbortSignal;
}

/**
 * The record of a finished interactive run (kind `interactive`): its transcript, cut, as what the
 * terminal showed (`stdout`) and entry by entry with who typed what (`interactive.transcript`);
 * `stdin` holds what was typed, in order.
 */
export function interactiveRecord(
  ids: { id: string; sessionId: string; participantId: string; createdAt: string; question: number },
  start: InteractiveStart,
  result: InteractiveResult,
  transcript: { entries: ConsoleTranscriptEntry[]; truncated: boolean },
): NewRun {
  const typed = transcript.entries.filter((entry) => entry.stream === 'stdin');
  return {
    ...ids,
    language: start.language,
    code: start.code,
    stdin: transcriptText(typed),
    idempotencyKey: null,
    requestHash: null,
    result: {
      verdict: result.verdict,
      exitCode: result.exitCode,
      signal: result.signal,
      cpuMs: result.cpuMs,
      wallMs: result.wallMs,
      memoryKb: result.memoryKb,
      truncated: result.truncated || transcript.truncated,
      stdout: transcriptText(transcript.entries),
      stderr: '',
      limits: result.limits,
      question: ids.question,
      interactive: { mode: start.mode, reason: result.reason, transcript: transcript.entries, transcriptTruncated: transcript.truncated },
    },
  };
}
