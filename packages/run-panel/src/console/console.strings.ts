import { LocaleCatalog, type ConsoleEndReason } from '@interview-kit/core';

/**
 * Every user-facing string of `<interview-console>`. The console shows the table of its language
 * ({@link CONSOLE_LOCALES}); pass a partial table as `strings` to change any of it.
 */
export interface ConsoleStrings {
  /** The terminal's accessible name. */
  terminal: string;
  language: string;
  mode: string;
  program: string;
  repl: string;
  start: string;
  interrupt: string;
  endInput: string;
  /** The lock control's label (interviewers). */
  lock: string;
  everyone: string;
  lockTo: (name: string) => string;
  idle: string;
  starting: string;
  running: (name: string) => string;
  ended: (reason: string) => string;
  reasons: Record<ConsoleEndReason, string>;
  connecting: string;
  reconnecting: string;
  closed: string;
  /** Shown instead of the console to observers (the server gives them none). */
  watchOnly: string;
  locked: string;
  noSession: string;
  failed: (detail: string) => string;
}

export const CONSOLE_STRINGS_EN: ConsoleStrings = {
  terminal: 'Interactive console',
  language: 'Language',
  mode: 'Mode',
  program: 'Program',
  repl: 'REPL',
  start: 'Start',
  interrupt: 'Interrupt (Ctrl+C)',
  endInput: 'End input (Ctrl+D)',
  lock: 'Who may type',
  everyone: 'Everyone',
  lockTo: (name) => `Only ${name}`,
  idle: 'Start the code as a program, or a REPL, and type into it together.',
  starting: 'Starting…',
  running: (name) => `Running, started by ${name}. Type to send input.`,
  ended: (reason) => `The program ended: ${reason}.`,
  reasons: {
    exit: 'it exited',
    idle: 'no input or output for too long',
    total: 'its time budget ran out',
    cpu: 'CPU time limit',
    memory: 'memory limit',
    output: 'too much output',
    stopped: 'stopped by the server',
    compile_error: 'it did not compile',
    internal_error: 'the sandbox failed',
  },
  connecting: 'Connecting to the console…',
  reconnecting: 'Connection lost; reconnecting…',
  closed: 'The console is closed.',
  watchOnly: 'Observers do not use the console; finished console runs appear in the run history.',
  locked: 'An interviewer has locked input to another participant.',
  noSession: 'Not connected to an interview session.',
  failed: (detail) => `The console refused: ${detail}`,
};

/** The console's strings in every built-in language: English at hand, German, Spanish and Arabic loaded on first need. */
export const CONSOLE_LOCALES = new LocaleCatalog<ConsoleStrings>(CONSOLE_STRINGS_EN, {
  de: () => import('./locales/de.js').then((m) => m.CONSOLE_STRINGS_DE),
  es: () => import('./locales/es.js').then((m) => m.CONSOLE_STRINGS_ES),
  ar: () => import('./locales/ar.js').then((m) => m.CONSOLE_STRINGS_AR),
});
