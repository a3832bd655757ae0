import type { CollabStatus } from '@interview-kit/core';

/** Every user-facing string of `<interview-room>`; pass a partial table as `strings` to translate. */
export interface RoomStrings {
  loading: string;
  loadFailed: (reason: string) => string;
  retry: string;
  question: string;
  code: string;
  output: string;
  video: string;
  feedback: string;
  sections: string;
  presence: string;
  roles: Record<string, string>;
  connection: Record<CollabStatus, string>;
  connectionLabel: string;
  timerLabel: string;
  remaining: (time: string, total: string) => string;
  overtime: (time: string) => string;
  elapsed: (time: string) => string;
  ended: string;
  /** The timer before the interview starts. */
  notStarted: string;
  endInterview: string;
  endConfirm: string;
  cancel: string;
  resizeQuestion: string;
  resizeEditor: string;
}

export const ROOM_STRINGS_EN: RoomStrings = {
  loading: 'Loading the interview…',
  loadFailed: (reason) => `The interview could not be loaded: ${reason}`,
  retry: 'Try again',
  question: 'Question',
  code: 'Code',
  output: 'Run',
  video: 'Video',
  feedback: 'Feedback',
  sections: 'Interview sections',
  presence: 'Participants present',
  roles: { interviewer: 'interviewer', candidate: 'candidate', observer: 'observer' },
  connection: {
    connecting: 'Connecting…',
    connected: 'Connected, syncing…',
    synced: 'Connected',
    offline: 'Offline: your changes are kept and sync when the connection returns',
  },
  connectionLabel: 'Connection',
  timerLabel: 'Time',
  remaining: (time, total) => `${time} left of ${total}`,
  overtime: (time) => `${time} over time`,
  elapsed: (time) => `${time} elapsed`,
  ended: 'Interview ended',
  notStarted: 'Not started',
  endInterview: 'End interview',
  endConfirm: 'End the interview for everyone? The code becomes read-only.',
  cancel: 'Cancel',
  resizeQuestion: 'Resize the question panel',
  resizeEditor: 'Resize the code editor',
};
