/**
 * Integrity signals, disclosed: what a session with `integrity: "record"` records about the
 * candidate once they have consented, the disclosure text they consent to, and the shapes the
 * server stores and returns. Signals are signals, never verdicts: nothing is decided from them.
 */

/** The version of {@link INTEGRITY_DISCLOSURE}; stored with the candidate's consent. Raise it when the text changes. */
export const INTEGRITY_DISCLOSURE_VERSION = 1;

/** What the candidate is told before consenting, one point a line. */
export const INTEGRITY_DISCLOSURE: readonly string[] = [
  'Pastes into the editor: how many characters, and whether they came from outside the editor (the pasted text itself is not recorded).',
  'Large insertions of text at once that are not pastes: how many characters.',
  'When this window loses focus, and for how long.',
  'A second connection to this interview with your link.',
  'The interviewers see these signals with their times, and they appear in the report. They are signals, not verdicts: nothing is decided from them alone.',
];

/** A signal the candidate's browser reports. */
export type ClientSignal =
  | { kind: 'paste'; chars: number; fromOutside: boolean }
  | { kind: 'large-insert'; chars: number }
  | { kind: 'focus-lost'; ms: number };

/** A signal as stored: the server stamps its time; `second-connection` is the server's own. */
export type IntegritySignal = (ClientSignal | { kind: 'second-connection' }) & {
  id: string;
  participantId: string;
  /** ISO 8601, the server's clock. */
  at: string;
};

/** The candidate's consent to the disclosure. */
export interface IntegrityConsent {
  participantId: string;
  textVersion: number;
  /** ISO 8601, the server's clock. */
  consentedAt: string;
}

/** A signal in English words, about the participant `name`: what the room's Signals tool and the report show. */
export function describeSignal(signal: IntegritySignal, name: string): string {
  switch (signal.kind) {
    case 'paste':
      return `${name} pasted ${signal.chars} characters${signal.fromOutside ? ' from outside the editor' : ' copied in the editor'}`;
    case 'large-insert':
      return `${name} inserted ${signal.chars} characters at once`;
    case 'focus-lost':
      return `${name}'s window was not in focus for ${Math.max(1, Math.round(signal.ms / 1000))} s`;
    case 'second-connection':
      return `${name} connected a second time (another tab or device)`;
  }
}

/** The caution that goes with every list of signals. */
export const SIGNALS_CAUTION = 'Signals, not verdicts: each has innocent explanations. Ask about them; decide nothing from them alone.';

/** Most signals in one `POST /v1/sessions/:id/signals` batch. */
export const SIGNAL_BATCH_MAX = 50;
