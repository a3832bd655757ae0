/**
 * Wire types of the interactive console (`POST /v1/sessions/:id/console-tickets`, then the
 * WebSocket `/v1/runs/interactive?ticket=…`): JSON text frames, one message per frame. See
 * docs/protocol.md ("Interactive console") and docs/asyncapi.yaml.
 *
 * Every participant connected to a session's console sees the same run: the server fans its
 * output out, and the input typed by whoever typed it (echoed on the `stdin` stream with the
 * typist's id and name, as the server knows them). One run at a time per session.
 *
 * @module
 */
import type { Problem } from '../protocol.js';

/** `program`: the code runs (compiled first where the language compiles); `repl`: the language's REPL (Python, JavaScript). */
export type ConsoleMode = 'program' | 'repl';

/** What one piece of the transcript is: the program's output, or input someone typed. */
export type ConsoleStream = 'stdout' | 'stderr' | 'stdin';

/** How an interactive run ended. */
export const CONSOLE_END_REASONS = ['exit', 'idle', 'total', 'cpu', 'memory', 'output', 'stopped', 'compile_error', 'internal_error'] as const;
export type ConsoleEndReason = (typeof CONSOLE_END_REASONS)[number];

/** Who did something, as the server knows them (from the ticket, never from the client). */
export interface ConsoleParticipant {
  id: string;
  name: string;
}

/** Client → server. */
export type ConsoleClientFrame =
  | { type: 'start'; language: string; mode: ConsoleMode; code?: string }
  | { type: 'input'; data: string }
  | { type: 'signal'; name: 'SIGINT' }
  | { type: 'eof' }
  | { type: 'resize'; cols: number; rows: number }
  | { type: 'lock'; to: string | null };

/** The console's state: its run (or none yet) and who may type. */
export interface ConsoleRunState {
  /** The current or last run's id; null before the first run. */
  id: string | null;
  status: 'idle' | 'starting' | 'running' | 'ended';
  language: string | null;
  mode: ConsoleMode | null;
  startedBy: ConsoleParticipant | null;
  /** ISO 8601 time the run started. */
  startedAt: string | null;
  /** The participant id input is locked to (an interviewer's choice); null: every candidate and interviewer may type. */
  lockedTo: string | null;
  /** Terminal size passed to the program when it started. */
  cols: number;
  rows: number;
  /** Why the last run ended, once it has. */
  reason?: ConsoleEndReason;
}

/** Server → client. */
export type ConsoleServerFrame =
  | { type: 'state'; run: ConsoleRunState; you: ConsoleParticipant & { role: string; canType: boolean } }
  | {
      type: 'output';
      stream: ConsoleStream;
      data: string;
      /** Milliseconds since the run started. */
      at: number;
      /** Who typed it (`stdin` only). */
      by?: ConsoleParticipant;
    }
  | { type: 'exit'; code: number | null; signal: string | null; reason: ConsoleEndReason }
  | { type: 'error'; problem: Problem };

/** One piece of a stored transcript (a run record of kind `interactive`). */
export interface ConsoleTranscriptEntry {
  stream: ConsoleStream;
  data: string;
  /** Milliseconds since the run started. */
  at: number;
  /** Who typed it (`stdin` only). */
  by?: ConsoleParticipant;
}

/** Response of `POST /v1/sessions/:id/console-tickets`. */
export interface ConsoleTicket {
  /** One-time ticket; open `url` within `expiresAt`. */
  ticket: string;
  expiresAt: string;
  /** Path and query of the WebSocket, ticket included. */
  url: string;
}

/** Path of the console WebSocket. */
export const CONSOLE_PATH = '/v1/runs/interactive';

/** Largest frame a client sends, in bytes: a `start` with a program of 64 Ki characters fits. */
export const CONSOLE_MAX_FRAME_BYTES = 128 * 1024;
/** Largest `input` one frame carries, in characters. */
export const CONSOLE_MAX_INPUT_CHARS = 4 * 1024;
/** Bytes of output and input a stored transcript keeps; beyond, it is cut and flagged. */
export const CONSOLE_TRANSCRIPT_BYTES = 64 * 1024;
/** Terminal sizes the server accepts. */
export const CONSOLE_SIZE = { minCols: 10, maxCols: 500, minRows: 2, maxRows: 200, defaultCols: 80, defaultRows: 24 } as const;

/** WebSocket close codes of the console socket (besides 1000, 1001 and 1009 with their usual meanings). */
export const ConsoleCloseCode = {
  /** A frame that is not JSON or not a known message: a client bug. */
  invalidFrame: 1007,
  /** Too many frames a second, or binary frames. */
  policyViolation: 1008,
  /** The server is restarting: reconnect with a new ticket. */
  reconnect: 1012,
  /** The client reads too slowly: its unsent output passed the server's bound. Reconnect. */
  slowConsumer: 4008,
} as const;

/** Text of an entry of the transcript as a terminal shows it (input echoed as typed). */
export function transcriptText(entries: readonly Pick<ConsoleTranscriptEntry, 'data'>[]): string {
  return entries.map((entry) => entry.data).join('');
}
