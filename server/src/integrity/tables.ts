import type { Generated } from 'kysely';

/** Rows of integrity signals (migration `0013-integrity-signals.ts`). */
declare module '../adapters/db/schema.js' {
  interface Database {
    /** A candidate's consent to the integrity disclosure: which text version, when. */
    integrity_consents: {
      session_id: string;
      participant_id: string;
      text_version: number;
      consented_at: string;
    };
    /** One integrity signal; `data` is its sizes or duration as JSON, never content. */
    integrity_signals: {
      id: string;
      session_id: string;
      participant_id: string;
      kind: 'paste' | 'large-insert' | 'focus-lost' | 'second-connection';
      data: string;
      at: string;
      /** Position in its batch: orders the signals of one time. */
      position: Generated<number>;
    };
  }
}

export {};
