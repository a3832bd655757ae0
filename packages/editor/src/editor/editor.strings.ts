import { LocaleCatalog, PROJECT_PATH_MAX_LENGTH, PROJECT_PATH_MAX_LEVELS, type RunVerdict, type SaveRefusal } from '@interview-kit/core';
import { PROJECT_FILE_LIMIT, type ProjectNameProblem } from './project-model.js';
import type { RunMark } from './replay-timeline.js';

/**
 * Every user-facing string of `<interview-editor>`. The editor shows the table of its language
 * ({@link EDITOR_LOCALES}); pass a subset as `strings` to change any of it.
 */
export interface EditorStrings {
  /** Accessible name of the code area. */
  label: string;
  /** Appended to the label when the code cannot be edited. */
  readOnlySuffix: string;
  language: string;
  plainText: string;
  present: string;
  you: string;
  /** The status while joining: first contact, then the first sync. */
  status: { connecting: string; connected: string };
  /** The status once joined: whether your changes are kept by the server. */
  save: { saving: string; saved: string; offline: string };
  /** The status when the server will not keep your changes, by reason; `other` words any other refusal. */
  notSaved: Record<'ended' | 'read-only' | 'quota', string> & { other: (reason: string) => string };
  /** The banner above the code once the interview is over. */
  endedBanner: string;
  /** How to leave the editor with the keyboard (shown to assistive technology). */
  keyboardHint: string;
  replay: string;
  play: string;
  pause: string;
  speed: string;
  skipIdle: string;
  position: string;
  /** The replay's place: the moment shown and the length, both as a clock reads (e.g. "1:05 / 12:30"). */
  positionOf: (position: string, duration: string) => string;
  /** A playback speed in the speed list; `factor` is the number as the language writes it. */
  speedFactor: (factor: string) => string;
  replayLoading: string;
  replayEmpty: string;
  replayFailed: (reason: string) => string;
  /** Accessible name of the list of run marks on the replay timeline. */
  runs: string;
  /** A run mark's accessible name: when (time into the session) and how it went, e.g. "Run at 12:34: 2 of 3 tests failed". */
  runMark: (time: string, outcome: string) => string;
  /** The line under the code in replay: the latest run at the moment shown. */
  latestRun: (time: string, name: string, outcome: string) => string;
  /** The line under the code in replay before the first run. */
  noRunYet: string;
  /** How a run's tests went; `failed` of `total`. */
  testsOutcome: (failed: number, total: number) => string;
  /** How a run without tests ended. */
  verdicts: Record<RunVerdict, string>;
  /** The file list of a project. */
  files: FileListStrings;
}

/** The strings of the editor's file list (paths are passed in as they are, never translated). */
export interface FileListStrings {
  /** The toolbar button that shows or hides the file list; `count` files in the project, the entry file included. */
  toggle: (count: number) => string;
  /** Accessible name of the file list. */
  list: string;
  /** The mark beside the entry file (the one that runs). */
  entry: string;
  /** How to use the list with the keyboard (shown to assistive technology). */
  keyboardHint: string;
  newFile: string;
  /** Label of the new file's name field. */
  newFileName: string;
  /** The button that creates the file named in the field. */
  create: string;
  /** Label of the name field renaming `path`. */
  renameTo: (path: string) => string;
  /** The button that renames `path`. */
  rename: (path: string) => string;
  /** The button that confirms a rename. */
  save: string;
  /** The button that deletes `path` (after a confirmation). */
  delete: (path: string) => string;
  /** The confirmation question before `path` is deleted. */
  confirmDelete: (path: string) => string;
  /** The button that confirms a delete. */
  confirm: string;
  cancel: string;
  /** Who else has a file open; `names` is the list of their names. */
  openBy: (names: string) => string;
  /** Why a name cannot be taken. */
  problems: Record<ProjectNameProblem, string>;
  /** The message beside the list when the server refused a change for `reason` (its own words). */
  refused: (reason: string) => string;
}

export const EDITOR_STRINGS_EN: EditorStrings = {
  label: 'Code',
  readOnlySuffix: '(read-only)',
  language: 'Language',
  plainText: 'Plain text',
  present: 'Present',
  you: '(you)',
  status: {
    connecting: 'Connecting…',
    connected: 'Connected, syncing…',
  },
  save: {
    saving: 'Saving…',
    saved: 'All changes saved',
    offline: 'Offline: your changes are kept and will sync when the connection returns',
  },
  notSaved: {
    ended: 'Not saved: the interview has ended',
    'read-only': 'Not saved: you can only read this session',
    quota: 'Not saved: the document reached its size limit',
    other: (reason) => `Not saved: ${reason}`,
  },
  endedBanner: 'The interview has ended. The code is read-only.',
  keyboardHint: 'Tab indents. Press Escape, then Tab, to move focus out of the editor.',
  replay: 'Replay',
  play: 'Play',
  pause: 'Pause',
  speed: 'Speed',
  skipIdle: 'Skip idle time',
  position: 'Replay position',
  positionOf: (position, duration) => `${position} / ${duration}`,
  speedFactor: (factor) => `${factor}×`,
  replayLoading: 'Loading the replay…',
  replayEmpty: 'Nothing was written yet.',
  replayFailed: (reason) => `The replay could not be loaded: ${reason}`,
  runs: 'Runs',
  runMark: (time, outcome) => `Run at ${time}: ${outcome}`,
  latestRun: (time, name, outcome) => `Latest run, at ${time} by ${name}: ${outcome}`,
  noRunYet: 'No run yet at this moment.',
  testsOutcome: (failed, total) => {
    if (failed === 0) return total === 1 ? 'the test passed' : `all ${total} tests passed`;
    if (failed === total) return total === 1 ? 'the test failed' : `all ${total} tests failed`;
    return `${failed} of ${total} tests failed`;
  },
  verdicts: {
    ok: 'finished',
    compile_error: 'compilation error',
    runtime_error: 'runtime error',
    time_limit: 'time limit exceeded',
    memory_limit: 'memory limit exceeded',
    output_limit: 'output limit exceeded',
    internal_error: 'internal error',
  },
  files: {
    toggle: (count) => `Files (${count})`,
    list: 'Project files',
    entry: 'entry',
    keyboardHint: 'Arrow keys move between files, Enter opens one, F2 renames it, Delete deletes it.',
    newFile: 'New file',
    newFileName: 'Name of the new file',
    create: 'Create',
    renameTo: (path) => `New name for ${path}`,
    rename: (path) => `Rename ${path}`,
    save: 'Rename',
    delete: (path) => `Delete ${path}`,
    confirmDelete: (path) => `Delete ${path} for everyone?`,
    confirm: 'Delete',
    cancel: 'Cancel',
    openBy: (names) => `Open by ${names}`,
    problems: {
      empty: 'Give the file a name.',
      'too-long': `A path has at most ${PROJECT_PATH_MAX_LENGTH} characters.`,
      absolute: 'A path is relative to the project: no "/" at its start.',
      'too-deep': `A path has at most ${PROJECT_PATH_MAX_LEVELS} parts (like a/b/c/file.py).`,
      'empty-part': 'A path has no empty parts ("//" or a "/" at its end).',
      'bad-part': 'Use letters, digits, ".", "_" and "-"; a name does not start with "." or "-".',
      exists: 'A file of that name exists already.',
      clash: 'A file and a folder cannot have the same name.',
      limit: `A project holds at most ${PROJECT_FILE_LIMIT} files.`,
      missing: 'That file is not there any more.',
    },
    refused: (reason) => `The server did not keep the latest change to the files: ${reason}`,
  },
};

/** The editor's strings in every built-in language: English at hand, German, Spanish and Arabic loaded on first need. */
export const EDITOR_LOCALES = new LocaleCatalog<EditorStrings>(EDITOR_STRINGS_EN, {
  de: () => import('./locales/de.js').then((m) => m.EDITOR_STRINGS_DE),
  es: () => import('./locales/es.js').then((m) => m.EDITOR_STRINGS_ES),
  ar: () => import('./locales/ar.js').then((m) => m.EDITOR_STRINGS_AR),
});

/** How a run went, in words: its tests' outcome when it ran tests, else how the program ended. */
export function runOutcomeText(strings: EditorStrings, mark: RunMark): string {
  return mark.total > 0 ? strings.testsOutcome(mark.failed, mark.total) : strings.verdicts[mark.verdict];
}

const KNOWN_REFUSALS: ReadonlySet<SaveRefusal> = new Set(['ended', 'read-only', 'quota']);

/** The "not saved" text for a refusal. */
export function notSavedText(strings: EditorStrings, reason: SaveRefusal): string {
  const known = reason as 'ended' | 'read-only' | 'quota';
  return KNOWN_REFUSALS.has(reason) ? strings.notSaved[known] : strings.notSaved.other(reason);
}
