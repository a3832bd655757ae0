import type { CollabStatus } from '@interview-kit/core';

/** Every user-facing string of `<interview-editor>`; pass a subset as `strings` to translate. */
export interface EditorStrings {
  /** Accessible name of the code area. */
  label: string;
  /** Appended to the label when the code cannot be edited. */
  readOnlySuffix: string;
  language: string;
  plainText: string;
  present: string;
  you: string;
  status: Record<CollabStatus, string>;
  /** How to leave the editor with the keyboard (shown to assistive technology). */
  keyboardHint: string;
  replay: string;
  play: string;
  pause: string;
  speed: string;
  skipIdle: string;
  position: string;
  replayLoading: string;
  replayEmpty: string;
  replayFailed: (reason: string) => string;
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
    synced: 'All changes saved',
    offline: 'Offline: your changes are kept and will sync when the connection returns',
  },
  keyboardHint: 'Tab indents. Press Escape, then Tab, to move focus out of the editor.',
  replay: 'Replay',
  play: 'Play',
  pause: 'Pause',
  speed: 'Speed',
  skipIdle: 'Skip idle time',
  position: 'Replay position',
  replayLoading: 'Loading the replay…',
  replayEmpty: 'Nothing was written yet.',
  replayFailed: (reason) => `The replay could not be loaded: ${reason}`,
};
