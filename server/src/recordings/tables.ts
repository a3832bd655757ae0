/** Rows of recordings (migration `0014-recordings.ts`). */
declare module '../adapters/db/schema.js' {
  interface Database {
    /** A participant's consent to being recorded: which text version, when. */
    recording_consents: {
      session_id: string;
      participant_id: string;
      text_version: number;
      consented_at: string;
    };
    /** One participant's recording of the session; its bytes are chunks in the object store. */
    recordings: {
      id: string;
      session_id: string;
      participant_id: string;
      kind: 'audio' | 'audio+video';
      mime_type: string;
      /** The server's time when the recording began: media time 0 on the session's timeline. */
      started_at: string;
      updated_at: string;
      bytes: number | string;
      chunks: number;
    };
    /** One uploaded chunk: its place, size and arrival; the bytes are at its object key. */
    recording_chunks: {
      recording_id: string;
      session_id: string;
      seq: number;
      bytes: number;
      received_at: string;
    };
  }
}

export {};

/** Rows of transcripts and assistant drafts (migration `0015-transcripts-and-assistant.ts`). */
declare module '../adapters/db/schema.js' {
  interface Database {
    /** A recording's transcription: done, or skipped (and why). */
    transcripts: {
      recording_id: string;
      session_id: string;
      status: 'done' | 'skipped';
      detail: string | null;
      model: string;
      created_at: string;
    };
    /** One stretch of speech: its speaker is the recording's participant; times are in the recording. */
    transcript_segments: {
      id: string;
      session_id: string;
      recording_id: string;
      participant_id: string;
      start_ms: number;
      end_ms: number;
      /** Sealed at rest when `DATA_ENCRYPTION_KEY` is set. */
      text: string;
    };
    /** The assistant's draft for interviewers, as validated, with what made it. */
    assistant_drafts: {
      session_id: string;
      prompt_version: string;
      model: string;
      /** The validated JSON output; sealed at rest when `DATA_ENCRYPTION_KEY` is set. */
      output: string;
      /** Token usage as the provider reported it, JSON. */
      usage: string;
      latency_ms: number;
      created_at: string;
    };
  }
}
