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
