import type { RecordingMode } from '../protocol.js';

/** The version of the recording notice participants consent to; raise it when its text changes. */
export const RECORDING_NOTICE_VERSION = 1;

/** A participant's consent to the recording. */
export interface RecordingConsent {
  participantId: string;
  textVersion: number;
  /** The server's time. */
  consentedAt: string;
}

/** `GET /v1/sessions/:id/recording-consent`: the setting and who has consented. */
export interface RecordingConsentState {
  recording: RecordingMode;
  /** Every participant who is recorded (observers publish nothing and are not listed). */
  participants: { participantId: string; name: string; role: string; consent: RecordingConsent | null }[];
  /** Every listed participant has consented: recording may begin. */
  everyone: boolean;
}

/** One participant's recording as the server holds it. */
export interface RecordingState {
  id: string;
  participantId: string;
  kind: 'audio' | 'audio+video';
  mimeType: string;
  /** The server's time when it began: media time 0 on the session's timeline. */
  startedAt: string;
  updatedAt: string;
  bytes: number;
  /** The sequence number the next chunk must carry. */
  nextSeq: number;
  /** Interviewers and the host: a time-limited playback link (a path on the server). */
  url?: string;
  urlExpiresAt?: string;
}
