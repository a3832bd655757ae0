import { formatsFor } from '@interview-kit/core';

const en = formatsFor('en');

/**
 * The words of the Replay's recording (media, timeline, captions, transcript search) and of the
 * interviewers' Assistant tool: part of {@link RoomStrings}, kept apart for their translations.
 */
export interface ReplayStrings {
  /** Accessible name of the Replay's recording region. */
  recording: string;
  recordingLoading: string;
  /** The session has no recording: the replay goes on without it. */
  noRecording: string;
  recordingFailed: (reason: string) => string;
  /** Accessible name of one participant's video. */
  videoOf: (name: string) => string;
  /** An audio-only recording: who is speaking. */
  audioOnly: string;
  play: string;
  pause: string;
  /** The timeline slider: its name, and its value (the moment and the whole length). */
  timeline: string;
  positionOf: (time: string, total: string) => string;
  /** The marks on the timeline: runs, and transcript segments. */
  runMarks: string;
  runMark: (time: string, passed: boolean) => string;
  speechMarks: string;
  speechMark: (time: string, name: string) => string;
  /** Accessible name of the captions under the media. */
  captions: string;
  transcript: string;
  /** The transcript search field: its label and the example in it. */
  searchTranscript: string;
  searchPlaceholder: string;
  /** How many segments hold the words searched for. */
  matches: (count: number) => string;
  /** Shows a transcript segment's moment in the replay: its accessible name. */
  showSegment: (time: string, name: string) => string;
  noTranscript: string;
  /** Interviewers' tool rail, once the interview ended: the assistant's draft. */
  assistant: string;
  /** Always above the draft. */
  assistantLabel: string;
  assistantLoading: string;
  assistantOff: string;
  assistantPending: string;
  assistantFailed: (reason: string) => string;
  assistantSummary: string;
  suggestedRating: (rating: number) => string;
  evidence: string;
  /** An evidence time link's accessible name. */
  showMoment: (time: string) => string;
  /** Which model wrote the draft, and with which prompt. */
  draftBy: (model: string, prompt: string) => string;
}

export const REPLAY_STRINGS_EN: ReplayStrings = {
  recording: 'Recording',
  recordingLoading: 'Loading the recording…',
  noRecording: 'This interview has no recording; the replay shows the code and its runs.',
  recordingFailed: (reason) => `The recording could not be loaded: ${reason}`,
  videoOf: (name) => `Video of ${name}`,
  audioOnly: 'Audio only',
  play: 'Play',
  pause: 'Pause',
  timeline: 'Replay position',
  positionOf: (time, total) => `${time} of ${total}`,
  runMarks: 'Runs',
  runMark: (time, passed) => `Run at ${time}: ${passed ? 'passed' : 'failed'}`,
  speechMarks: 'Speech',
  speechMark: (time, name) => `${name} speaks at ${time}`,
  captions: 'Captions',
  transcript: 'Transcript',
  searchTranscript: 'Search the transcript',
  searchPlaceholder: 'Words said…',
  matches: (count) => en.plural(count, { zero: 'No match', one: '# match', other: '# matches' }),
  showSegment: (time, name) => `Show ${time} in the replay (${name})`,
  noTranscript: 'No transcript of this recording.',
  assistant: 'Assistant',
  assistantLabel: 'Draft by a model — not a decision; your feedback is yours',
  assistantLoading: 'Loading the assistant’s draft…',
  assistantOff: 'The assistant is not configured on this server.',
  assistantPending: 'No draft yet: the assistant writes one after the interview, once the transcript is in.',
  assistantFailed: (reason) => `The draft could not be loaded: ${reason}`,
  assistantSummary: 'Summary',
  suggestedRating: (rating) => `Suggested rating: ${rating} of 4`,
  evidence: 'Evidence',
  showMoment: (time) => `Show ${time} in the replay`,
  draftBy: (model, prompt) => `Written by ${model} (prompt ${prompt})`,
};
