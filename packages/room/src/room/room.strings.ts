import {
  describeSignal,
  formatsFor,
  INTEGRITY_DISCLOSURE,
  LocaleCatalog,
  SIGNALS_CAUTION,
  type AutoStart,
  type CollabStatus,
  type EndReason,
  type IntegritySignal,
  type RecordingMode,
} from '@interview-kit/core';
import type { RecordingIndicator } from './call-recording.js';

import { REPLAY_STRINGS_EN, type ReplayStrings } from './replay.strings.js';

const en = formatsFor('en');

/**
 * Every user-facing string of `<interview-room>`. The room shows the table of its language
 * ({@link ROOM_LOCALES}); pass a partial table as `strings` to change any of it.
 */
export interface RoomStrings extends ReplayStrings {
  loading: string;
  loadFailed: (reason: string) => string;
  retry: string;
  question: string;
  code: string;
  /** The shared whiteboard: its tab beside Code (wide) and its section tab (narrow). */
  whiteboard: string;
  /** Accessible name of the tab list above the code switching Code and Whiteboard. */
  centreViews: string;
  output: string;
  /** The interactive console's tab. */
  console: string;
  /** Accessible name of the run pane's tabs (Output, Console). */
  runTabs: string;
  video: string;
  feedback: string;
  /** Interviewers' tool rail: the private notes tab. */
  notes: string;
  /** Interviewers' tool rail: every test with its latest result. */
  tests: string;
  /** Interviewers' tool rail: the question's guide. */
  guide: string;
  /** Interviewers' tool rail: the integrity signals. */
  signals: string;
  /** The rail's chat tab, for everyone; with the count of unread messages when there are any. */
  chat: (unread: number) => string;
  /** Signals tool: the caution above the list. */
  signalsCaution: string;
  /** Signals tool, when the session records none. */
  signalsOff: string;
  noSignals: string;
  /** One signal, with who it is about. */
  signal: (signal: IntegritySignal, name: string) => string;
  /** The candidate's disclosure of integrity signals: its heading, and its points (translations of the versioned disclosure text). */
  integrityHeading: string;
  integrityDisclosure: readonly string[];
  integrityBeforeConsent: string;
  integrityConsent: string;
  integrityConsented: (time: string) => string;
  /**
   * The recording notice shown to candidates and interviewers of a session that records the call:
   * its heading, its points by the session's `recording` (what is recorded, who can see it, how long
   * it is kept; translations of the notice whose version the consent names), and its version line.
   */
  recordingHeading: string;
  recordingNotice: Record<Exclude<RecordingMode, 'off'>, readonly string[]>;
  recordingNoticeVersion: (version: number) => string;
  recordingAgree: string;
  recordingDecline: string;
  recordingAgreed: (time: string) => string;
  recordingDeclined: string;
  /** The notice's list of who has agreed: its heading, and each participant's answer. */
  recordingConsents: string;
  recordingConsentGiven: string;
  recordingConsentMissing: string;
  /** Under the list: until everyone has agreed, and once they have. */
  recordingWaiting: string;
  recordingEveryone: string;
  /** The header's recording indicator. */
  recordingIndicator: Record<RecordingIndicator, string>;
  /** Interviewers' question switcher: where the session is in its plan. */
  questionOf: (position: number, total: number, title: string) => string;
  /** Accessible name of the switcher's list of every question. */
  chooseQuestion: string;
  previousQuestion: string;
  nextQuestion: string;
  /** The Guide tab's headings for a structured question. */
  competency: (competency: string) => string;
  probes: string;
  positiveIndicators: string;
  negativeIndicators: string;
  anchors: string;
  /** Accessible name of the interviewers' tool tabs. */
  tools: string;
  sections: string;
  presence: string;
  roles: Record<string, string>;
  /** The connection status in full: its tooltip, and what is announced when it goes offline or back. */
  connection: Record<CollabStatus, string>;
  /** The connection status in the header bar. */
  connectionShort: Record<CollabStatus, string>;
  connectionLabel: string;
  timerLabel: string;
  remaining: (time: string, total: string) => string;
  /** The time left on narrow screens. */
  remainingShort: (time: string) => string;
  overtime: (time: string) => string;
  elapsed: (time: string) => string;
  ended: string;
  /** The timer before the interview starts. */
  notStarted: string;
  endInterview: string;
  endConfirm: string;
  cancel: string;
  /** Heading of the visible tests listed under the prompt. */
  examples: string;
  example: (position: number) => string;
  exampleInput: string;
  exampleExpected: string;
  /** An example without input. */
  noInput: string;
  resizeQuestion: string;
  resizeEditor: string;
  /** The dialog's question before ending. */
  endDialogTitle: string;
  /** Lobby: heading while waiting for the start. */
  lobbyHeading: string;
  /** Lobby: when the interview is planned (`when` is formatted in the viewer's locale). */
  scheduledFor: (when: string) => string;
  /** Lobby: how the interview starts, by the session's `autoStart`. */
  startsWhen: Record<AutoStart, string>;
  /** Lobby: the list of participants already here. */
  whoIsHere: string;
  /** Lobby: a participant not here yet. */
  notHereYet: string;
  youSuffix: string;
  startInterview: string;
  starting: string;
  /** Lobby: heading of the camera and microphone check. */
  deviceCheck: string;
  /** Lobby, for the candidate: what the session keeps. */
  recordsHeading: string;
  records: string[];
  /** Lobby, for the candidate: the question is hidden until the start. */
  questionHidden: string;
  /** Lobby, for interviewers: heading above the question preview. */
  questionPreview: string;
  /** Announced when time runs out (minutes left). */
  timeWarning: (minutes: number) => string;
  addTime: (minutes: number) => string;
  timeAdded: (minutes: number) => string;
  /** Interviewers: a participant's extra time (accommodation). */
  extraTime: (name: string, minutes: number) => string;
  /** The same on narrow screens (the full words stay in the tooltip and for screen readers). */
  extraTimeShort: (minutes: number) => string;
  joined: (name: string) => string;
  left: (name: string) => string;
  /** Someone else switched the language (`by`: who, when known). */
  languageChanged: (language: string, by?: string) => string;
  started: string;
  /** The candidate's screen after the end (the `ended` slot replaces it). */
  endedHeading: string;
  endedBody: string;
  /** Why the interview ended. */
  endReasons: Record<EndReason, string>;
  cancelledHeading: string;
  cancelledBody: string;
  replay: string;
  dismiss: string;
  notifications: string;
}

export const ROOM_STRINGS_EN: RoomStrings = {
  ...REPLAY_STRINGS_EN,
  loading: 'Loading the interview…',
  loadFailed: (reason) => `The interview could not be loaded: ${reason}`,
  retry: 'Try again',
  question: 'Question',
  code: 'Code',
  whiteboard: 'Whiteboard',
  centreViews: 'Code or whiteboard',
  output: 'Run',
  console: 'Console',
  runTabs: 'Run output and console',
  video: 'Video',
  feedback: 'Feedback',
  notes: 'Notes',
  tests: 'Tests',
  guide: 'Guide',
  signals: 'Signals',
  chat: (unread) => (unread ? `Chat (${unread})` : 'Chat'),
  signalsCaution: SIGNALS_CAUTION,
  signalsOff: 'This session records no integrity signals.',
  noSignals: 'No signals so far.',
  signal: describeSignal,
  integrityHeading: 'Integrity signals',
  integrityDisclosure: INTEGRITY_DISCLOSURE,
  integrityBeforeConsent: 'This interview records the following once you agree. Nothing is recorded before.',
  integrityConsent: 'I understand and agree',
  integrityConsented: (time) => `You agreed at ${time}; these signals are being recorded.`,
  recordingHeading: 'Recording of the call',
  recordingNotice: {
    audio: [
      'What is recorded: the sound of your microphone, by your own browser, from when the interview starts until it ends or you leave the call. Your camera is not recorded.',
      'Who can see it: the interviewers and the organiser of the interview can play it back and read a transcript made from it. Candidates and observers cannot.',
      'How long it is kept: as long as the code of this interview, under the organiser’s retention rules; then it is deleted. You can ask the organiser to delete it sooner.',
      'Nothing is recorded unless everyone in the call agrees.',
    ],
    'audio+video': [
      'What is recorded: your camera and the sound of your microphone, by your own browser, from when the interview starts until it ends or you leave the call.',
      'Who can see it: the interviewers and the organiser of the interview can play it back and read a transcript made from it. Candidates and observers cannot.',
      'How long it is kept: as long as the code of this interview, under the organiser’s retention rules; then it is deleted. You can ask the organiser to delete it sooner.',
      'Nothing is recorded unless everyone in the call agrees.',
    ],
  },
  recordingNoticeVersion: (version) => `Recording notice, version ${version}`,
  recordingAgree: 'I agree to be recorded',
  recordingDecline: 'I do not agree',
  recordingAgreed: (time) => `You agreed at ${time}.`,
  recordingDeclined: 'You did not agree: nothing will be recorded until everyone agrees. You can still agree.',
  recordingConsents: 'Who has agreed',
  recordingConsentGiven: 'agreed',
  recordingConsentMissing: 'not yet',
  recordingWaiting: 'Nothing is recorded until everyone has agreed.',
  recordingEveryone: 'Everyone has agreed: each of you is recorded while the interview is live and you are in the call.',
  recordingIndicator: {
    'waiting-consent': 'Not recording — waiting for consent',
    ready: 'Not recording yet',
    starting: 'Starting the recording…',
    recording: 'Recording',
    retrying: 'Recording paused: upload failing (retrying)',
    stopped: 'Recording stopped',
    failed: 'Not recording: the upload failed',
  },
  questionOf: (position, total, title) => `Question ${position} of ${total}: ${title}`,
  chooseQuestion: 'Go to question',
  previousQuestion: 'Previous',
  nextQuestion: 'Next',
  competency: (competency) => `Competency: ${competency}`,
  probes: 'Follow-up probes',
  positiveIndicators: 'Positive indicators',
  negativeIndicators: 'Negative indicators',
  anchors: 'Rating anchors (1–4)',
  tools: 'Interviewer tools',
  sections: 'Interview sections',
  presence: 'Participants present',
  roles: { interviewer: 'interviewer', candidate: 'candidate', observer: 'observer' },
  connection: {
    connecting: 'Connecting…',
    connected: 'Connected, syncing…',
    synced: 'Connected',
    offline: 'Offline: your changes are kept and sync when the connection returns',
  },
  connectionShort: {
    connecting: 'Connecting…',
    connected: 'Syncing…',
    synced: 'Connected',
    offline: 'Offline',
  },
  connectionLabel: 'Connection',
  timerLabel: 'Time',
  remaining: (time, total) => `${time} left of ${total}`,
  remainingShort: (time) => `${time} left`,
  overtime: (time) => `${time} over time`,
  elapsed: (time) => `${time} elapsed`,
  ended: 'Interview ended',
  notStarted: 'Not started',
  endInterview: 'End interview',
  endConfirm: 'End the interview for everyone? The code becomes read-only.',
  cancel: 'Cancel',
  examples: 'Examples',
  example: (position) => `Example ${position}`,
  exampleInput: 'Input',
  exampleExpected: 'Expected output',
  noInput: 'No input',
  resizeQuestion: 'Resize the question panel',
  resizeEditor: 'Resize the code editor',
  endDialogTitle: 'End the interview?',
  lobbyHeading: 'The interview has not started yet',
  scheduledFor: (when) => `Scheduled for ${when}`,
  startsWhen: {
    'first-join': 'It starts as soon as someone joins.',
    'all-joined': 'It starts when everyone has joined.',
    manual: 'The interviewer starts it.',
  },
  whoIsHere: 'Participants',
  notHereYet: 'not here yet',
  youSuffix: '(you)',
  startInterview: 'Start interview',
  starting: 'Starting…',
  deviceCheck: 'Camera and microphone',
  recordsHeading: 'What this interview keeps',
  records: [
    'Your code as it is written, so the interviewers can replay it',
    'Every run of your code and its results',
    'The interviewers’ notes and feedback, which you do not see',
  ],
  questionHidden: 'The question appears when the interview starts.',
  questionPreview: 'Question (the candidate sees it at the start)',
  timeWarning: (minutes) => en.plural(minutes, { one: '# minute left', other: '# minutes left' }),
  addTime: (minutes) => `Add ${minutes} min`,
  timeAdded: (minutes) => `${minutes} minutes added`,
  extraTime: (name, minutes) => `${name}: ${minutes} min extra time`,
  extraTimeShort: (minutes) => `+${minutes} min`,
  joined: (name) => `${name} joined`,
  left: (name) => `${name} left`,
  languageChanged: (language, by) => (by ? `${by} switched the language to ${language}` : `Language changed to ${language}`),
  started: 'The interview has started',
  endedHeading: 'Interview ended — thank you',
  endedBody: 'The interview is over. You can close this page.',
  endReasons: {
    interviewer: 'The interviewer ended the interview.',
    host: 'The interview was ended by the organiser.',
    time: 'The time is up.',
    cancelled: 'The interview was cancelled.',
  },
  cancelledHeading: 'This interview was cancelled',
  cancelledBody: 'Its links no longer work. The organiser will be in touch.',
  replay: 'Replay',
  dismiss: 'Dismiss',
  notifications: 'Notifications',
};

/** The room's strings in every built-in language: English at hand, German, Spanish and Arabic loaded on first need. */
export const ROOM_LOCALES = new LocaleCatalog<RoomStrings>(ROOM_STRINGS_EN, {
  de: () => import('./locales/de.js').then((m) => m.ROOM_STRINGS_DE),
  es: () => import('./locales/es.js').then((m) => m.ROOM_STRINGS_ES),
  ar: () => import('./locales/ar.js').then((m) => m.ROOM_STRINGS_AR),
});
