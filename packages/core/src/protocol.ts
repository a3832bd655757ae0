/**
 * Wire types shared by the reference server and every element: roles, token claims, sessions
 * as each role sees them, and RFC 9457 problem details.
 *
 * @module
 */

/** Every participant role, from most to least privileged in the code editor. */
export const ROLES = ['interviewer', 'candidate', 'observer'] as const;

/**
 * A participant's role. `candidate` edits and runs code and sees visible tests; `interviewer`
 * also sees hidden tests, notes and feedback and can end the session; `observer` watches.
 */
export type Role = (typeof ROLES)[number];

/** Whether a role may see hidden tests, private notes and feedback. */
export function isPrivileged(role: Role): boolean {
  return role === 'interviewer';
}

/** Whether a role may change the shared code. */
export function canEdit(role: Role): boolean {
  return role !== 'observer';
}

/** The audience claim of every participant token. */
export const PARTICIPANT_TOKEN_AUDIENCE = 'interview-kit:participant';

/** Claims carried by a participant token (a JWT signed by the reference server). */
export interface ParticipantClaims {
  /** Participant id, unique within the session. */
  sub: string;
  /** Session id. */
  sid: string;
  role: Role;
  /** Display name. */
  name: string;
  iss: string;
  aud: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
  iat: number;
}

/**
 * How a program's output is compared with a test's expected output: `exact` byte for byte,
 * `trimmed` ignoring trailing spaces and blank lines (the default), `tokens` ignoring all
 * whitespace between words, `float` comparing numbers within a tolerance (other words exactly),
 * `unordered-lines` as trimmed lines in any order.
 */
export const COMPARE_MODES = ['exact', 'trimmed', 'tokens', 'float', 'unordered-lines'] as const;

export type CompareMode = (typeof COMPARE_MODES)[number];

/** The default absolute and relative tolerance of `float` comparison. */
export const DEFAULT_TOLERANCE = 1e-6;

/** A test's output comparison; tolerances apply to `float` only ({@link DEFAULT_TOLERANCE} each by default). */
export interface OutputComparison {
  mode: CompareMode;
  /** Largest absolute difference |actual − expected| still accepted. */
  absTolerance?: number;
  /** Largest difference relative to |expected| still accepted. */
  relTolerance?: number;
}

/** One test case of a question, as the host defines it. */
export interface TestCase {
  stdin: string;
  expected: string;
  /** Hidden tests are never shown to the candidate. */
  hidden: boolean;
  /** How the output is compared; `trimmed` when absent. A question's `checker` overrides it in scoring. */
  compare?: OutputComparison;
}

/**
 * A question's own checker: a program run in the sandbox after each test during scoring. It gets
 * the paths of three files, the test's input, expected output and the program's actual output, as
 * its arguments (in that order); exit status 0 means the test passed.
 */
export interface Checker {
  language: CheckerLanguage;
  source: string;
}

/** Languages a question's checker may be written in. */
export const CHECKER_LANGUAGES = ['python', 'javascript'] as const;

export type CheckerLanguage = (typeof CHECKER_LANGUAGES)[number];

/** The coding question of a session. */
export interface Question {
  /** Markdown. */
  prompt: string;
  /** Language id of the starter code, e.g. `python`, `javascript`. */
  language: string;
  starterCode: string;
  tests: TestCase[];
  /** Decides pass or fail of every test when scoring the final code; never shown to candidates. */
  checker?: Checker;
}

export interface Participant {
  id: string;
  name: string;
  role: Role;
  /**
   * An accommodation: minutes added to the interview for this participant (a candidate's extra
   * time). Shown to interviewers and the host only; `0` when absent.
   */
  extraTimeMinutes?: number;
}

/**
 * When the server starts a scheduled session by itself: when the first candidate or interviewer
 * joins, when all of them have joined, or never (an interviewer or the host starts it).
 */
export type AutoStart = 'first-join' | 'all-joined' | 'manual';

/** When the candidate sees the question: once the interview starts, or already in the lobby. */
export type RevealQuestion = 'on-start' | 'immediately';

/**
 * Whether the session records integrity signals (pastes, large insertions, the candidate's window
 * losing focus, a second connection) once the candidate has consented: `record` (the default) or
 * `off`. See `integrity.ts`.
 */
export type IntegrityMode = 'off' | 'record';

/**
 * What the session records of the call once every participant has consented: nothing (`off`, the
 * default), each participant's `audio`, or `audio+video`. See `GET /v1/sessions/:id/recording-consent`.
 */
export type RecordingMode = 'off' | 'audio' | 'audio+video';

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

/** `GET /v1/sessions/:id/recordings`: the session's recordings with playback links, oldest first (interviewers and the host). */
export interface RecordingsResponse {
  recordings: RecordingState[];
}

/** One stretch of speech; the speaker is the recording's participant (each is recorded apart). */
export interface TranscriptSegment {
  recordingId: string;
  /** The speaker. */
  participantId: string;
  /** In the recording, from its start (ms). */
  startMs: number;
  endMs: number;
  /** The server's time of the segment's start: the recording's start plus `startMs`. */
  at: string;
  text: string;
}

/** Whether a recording was transcribed, or skipped and why. */
export interface TranscriptStatus {
  recordingId: string;
  status: 'done' | 'skipped';
  detail: string | null;
  model: string;
}

/** `GET /v1/sessions/:id/transcript`: every recording's segments in time order, and whether each recording was transcribed. */
export interface TranscriptResponse {
  segments: TranscriptSegment[];
  transcripts: TranscriptStatus[];
}

/** The assistant's draft review: written by a model, for interviewers, deciding nothing. */
export interface AssistantDraft {
  /** Always shown with the draft. */
  label: string;
  summary: string;
  competencies: {
    competency: string;
    suggestedRating: number;
    rationale: string;
    /** Each piece of evidence at a time on the session's timeline (a replay link). */
    evidence: { at: string; what: string }[];
  }[];
  promptVersion: string;
  model: string;
  usage: { promptTokens: number | null; completionTokens: number | null; totalTokens: number | null };
  latencyMs: number;
  createdAt: string;
}

/** `GET /v1/sessions/:id/assistant`: `off` without an assistant configured, `pending` until a draft is stored, then `ready` with it. */
export interface AssistantDraftResponse {
  status: 'off' | 'pending' | 'ready';
  draft?: AssistantDraft;
}

/** Why a session ended. */
export type EndReason = 'interviewer' | 'host' | 'time' | 'cancelled';

/** Body of `POST /v1/sessions`. */
export interface CreateSessionRequest {
  title: string;
  question: Question;
  participants: Participant[];
  /** Planned length; the timer counts down from the start. */
  durationMinutes?: number;
  /** ISO 8601: when the interview is planned to start. */
  scheduledAt?: string;
  /** Default `first-join`. */
  autoStart?: AutoStart;
  /** Default `immediately`. */
  revealQuestion?: RevealQuestion;
  /** End the session by itself at `endsAt`; default false. */
  autoEnd?: boolean;
  /** Default `record`: integrity signals are recorded after the candidate's consent. */
  integrity?: IntegrityMode;
  /** Default `off`: nothing of the call is recorded. Otherwise recorded once every participant consents. */
  recording?: RecordingMode;
  /** The host's own id for this interview (e.g. an application id in its ATS); unique per tenant. */
  externalId?: string;
  /** The host's own string values, at most 4 KiB as JSON. Never shown to candidates. */
  metadata?: Record<string, string>;
}

/** Body of `PATCH /v1/sessions/:id` (only while the session is scheduled). */
export interface UpdateSessionRequest {
  title?: string;
  scheduledAt?: string | null;
  durationMinutes?: number | null;
  metadata?: Record<string, string> | null;
  /** New names (or extra time) of existing participants, by id. */
  participants?: { id: string; name?: string; extraTimeMinutes?: number }[];
}

/** Body of `POST /v1/sessions/:id/extend`. */
export interface ExtendSessionRequest {
  minutes: number;
}

/** A participant token as issued to the host. */
export interface IssuedToken {
  /** Participant id. */
  id: string;
  role: Role;
  /** The JWT to hand to that participant's page. */
  token: string;
  /** ISO 8601 expiry time. */
  expiresAt: string;
}

/** Response of `POST /v1/sessions`. */
export interface CreateSessionResponse {
  id: string;
  participants: IssuedToken[];
}

/** A test case as a given viewer may see it; `index` is its position in the question. */
export interface VisibleTestCase extends TestCase {
  index: number;
}

/** `scheduled` → `live` → `ended`, or `scheduled` → `cancelled`. */
export type SessionStatus = 'scheduled' | 'live' | 'ended' | 'cancelled';

/** Whether the interview is over (ended or cancelled): everything is read-only then. */
export function isOver(status: SessionStatus): boolean {
  return status === 'ended' || status === 'cancelled';
}

/** Who is looking at a session: a participant, or the host through its API key. */
export interface SessionViewer {
  role: Role | 'host';
  participantId: string | null;
}

/** A session's state and times, as every view of it carries them. */
export interface SessionTiming {
  status: SessionStatus;
  createdAt: string;
  scheduledAt: string | null;
  /** When the interview went live; the timer counts from here. */
  startedAt: string | null;
  /** Start + duration + extensions + the candidate's extra time; `null` before the start or without a duration. */
  endsAt: string | null;
  endedAt: string | null;
  endReason: EndReason | null;
  durationMinutes: number | null;
}

/**
 * A session as one viewer may see it. A candidate's and an observer's view list only
 * visible tests; `hiddenTestCount` tells how many more exist.
 */
export interface SessionView extends SessionTiming {
  id: string;
  title: string;
  /** Minutes added with `POST /v1/sessions/:id/extend`. */
  extendedMinutes: number;
  autoStart: AutoStart;
  revealQuestion: RevealQuestion;
  autoEnd: boolean;
  /** Whether integrity signals are recorded (after the candidate's consent). */
  integrity: IntegrityMode;
  /** What of the call is recorded (after every participant's consent). */
  recording: RecordingMode;
  /** Hosts and interviewers only. */
  externalId?: string | null;
  /** Hosts and interviewers only. */
  metadata?: Record<string, string> | null;
  /**
   * `true` while the candidate (or observer) may not see the question yet (`revealQuestion:
   * "on-start"` before the start): `question` is then empty.
   */
  questionHidden: boolean;
  question: {
    prompt: string;
    language: string;
    starterCode: string;
    tests: VisibleTestCase[];
    hiddenTestCount: number;
    /** Markdown notes for the interviewers on how to run the question; only in interviewers' views. */
    guide?: string;
    /** Its position in the session's plan (`plan.questions[].index`). */
    index: number;
    /** Which shared code it is written in (`codeNamesOf(slot)` in `@interview-kit/core/collab/structure`). */
    slot: number;
  };
  /**
   * The session's questions: which one is current, and those this viewer may see — every one for
   * interviewers and the host (so they can move ahead), only those reached so far for candidates
   * and observers (none while the question is hidden). A question written inline is a plan of one.
   * `question` above is the coding question whose code and tests are in play: the current one, or,
   * while a structured question is current, the coding question before it.
   */
  plan: SessionPlanView;
  participants: Participant[];
  viewer: SessionViewer;
  /**
   * How video is carried: through the server's LiveKit deployment, or peer-to-peer between the
   * two participants when the server has none.
   */
  video: VideoProvider;
}

/** The session's questions as one viewer may see them (`SessionView.plan`). */
export interface SessionPlanView {
  /** Position of the current question. */
  current: number;
  /** Every question (interviewers, the host) or the questions reached so far (candidates, observers), in plan order. */
  questions: PlannedQuestionView[];
}

/**
 * One question of a session's plan. Candidates and observers get a reached question's text, and
 * a coding question's visible tests and starter code; only interviewers and the host get the
 * guide, a structured question's probes, indicators and anchors, hidden tests, and the
 * questions not reached yet.
 */
export interface PlannedQuestionView {
  index: number;
  /** The bank question and version pinned; `null` for a question written inline. */
  id: string | null;
  version: number | null;
  type: 'coding' | 'structured';
  title: string;
  /** Whether the session has shown it (the current question and every one before it was current). */
  reached: boolean;
  /** Markdown; a structured question's question text. */
  prompt: string;
  /** Coding: as `SessionView.question`. */
  language?: string;
  starterCode?: string;
  tests?: VisibleTestCase[];
  hiddenTestCount?: number;
  slot?: number;
  /** Interviewers and the host only. */
  guide?: string;
  /** Structured questions, interviewers and the host only. */
  competency?: string;
  probes?: string[];
  positiveIndicators?: string[];
  negativeIndicators?: string[];
  /** What ratings 1–4 look like. */
  anchors?: string[];
}

/** A session in the host's inventory (`GET /v1/sessions`): no question, no tokens. */
export interface SessionSummary extends SessionTiming {
  id: string;
  title: string;
  externalId: string | null;
  metadata: Record<string, string> | null;
  participants: Participant[];
}

/** One page of `GET /v1/sessions`, newest first; pass `nextCursor` as `cursor` for the next page. */
export interface SessionList {
  sessions: SessionSummary[];
  nextCursor: string | null;
}

/** `livekit`: multi-party through LiveKit; `peer-to-peer`: WebRTC between two participants. */
export type VideoProvider = 'livekit' | 'peer-to-peer';

/** Body of `POST /v1/sessions/:id/tokens`. */
export interface IssueTokenRequest {
  participantId: string;
}

/** Response of `POST /v1/sessions/:id/livekit-token`. */
export interface LiveKitTokenResponse {
  /** The LiveKit server's WebSocket URL. */
  url: string;
  token: string;
}

/** One field-level validation error inside a problem. */
export interface ProblemFieldError {
  /** Dotted path of the offending field, e.g. `question.tests.0.stdin`. */
  path: string;
  message: string;
}

/** An RFC 9457 problem details body, as every error response of the server carries. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Field-level validation errors, when the request body or parameters were invalid. */
  errors?: ProblemFieldError[];
  [extension: string]: unknown;
}

/** The media type of problem details responses. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
