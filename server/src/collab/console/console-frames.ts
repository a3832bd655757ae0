import {
  CONSOLE_MAX_INPUT_CHARS,
  CONSOLE_SIZE,
  ConsoleCloseCode,
  type ConsoleClientFrame,
} from '@interview-kit/core/console/protocol';
import { FrameViolation } from '../socket-guard.js';

/** Largest program a `start` frame carries, in characters (the frame itself is bounded too). */
export const MAX_CODE_CHARS = 64 * 1024;

const invalid = (reason: string) => new FrameViolation(ConsoleCloseCode.invalidFrame, reason);
const whole = (value: unknown, min: number, max: number) => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/**
 * Parses and validates one client frame of the console socket (see `ConsoleClientFrame`).
 * @throws {FrameViolation} for anything else: not JSON, an unknown type, a field of the wrong
 *   shape or size. The socket is then closed with 1007.
 */
export function parseConsoleFrame(text: string): ConsoleClientFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('console frames are JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('a frame is an object');
  const frame = value as Record<string, unknown>;
  switch (frame.type) {
    case 'start': {
      if (typeof frame.language !== 'string' || frame.language.length > 32) throw invalid('start needs a language');
      if (frame.mode !== 'program' && frame.mode !== 'repl') throw invalid('start needs a mode: program or repl');
      const code = frame.code ?? '';
      if (typeof code !== 'string' || code.length > MAX_CODE_CHARS) throw invalid(`code is a string of at most ${MAX_CODE_CHARS} characters`);
      return { type: 'start', language: frame.language, mode: frame.mode, code };
    }
    case 'input':
      if (typeof frame.data !== 'string' || frame.data.length === 0 || frame.data.length > CONSOLE_MAX_INPUT_CHARS) {
        throw invalid(`input data is a string of 1 to ${CONSOLE_MAX_INPUT_CHARS} characters`);
      }
      return { type: 'input', data: frame.data };
    case 'signal':
      if (frame.name !== 'SIGINT') throw invalid('the only signal is SIGINT');
      return { type: 'signal', name: 'SIGINT' };
    case 'eof':
      return { type: 'eof' };
    case 'resize':
      if (!whole(frame.cols, CONSOLE_SIZE.minCols, CONSOLE_SIZE.maxCols) || !whole(frame.rows, CONSOLE_SIZE.minRows, CONSOLE_SIZE.maxRows)) {
        throw invalid(`cols are ${CONSOLE_SIZE.minCols}-${CONSOLE_SIZE.maxCols} and rows ${CONSOLE_SIZE.minRows}-${CONSOLE_SIZE.maxRows}`);
      }
      return { type: 'resize', cols: frame.cols as number, rows: frame.rows as number };
    case 'lock':
      if (frame.to !== null && (typeof frame.to !== 'string' || frame.to.length > 128)) throw invalid('lock names a participant id or null');
      return { type: 'lock', to: frame.to };
    default:
      throw invalid('unknown console frame type');
  }
}
