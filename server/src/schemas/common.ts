import { z } from 'zod';
import { CHECKER_LANGUAGES, COMPARE_MODES, DEFAULT_TOLERANCE, ROLES } from '@interview-kit/core/protocol';
import { PinnedRubric, RubricChoice } from './feedback.js';

/**
 * Request and response schemas. They validate input and generate the OpenAPI document, so
 * the document cannot drift from what the server accepts.
 */

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'use letters, digits, ".", "_", ":" or "-"');

export const Role = z.enum(ROLES).meta({ id: 'Role', description: 'Participant role' });

const tolerance = z.number().min(0).max(1e9);

export const OutputComparison = z
  .strictObject({
    mode: z.enum(COMPARE_MODES),
    absTolerance: tolerance.optional().describe(`float: largest absolute difference accepted; default ${DEFAULT_TOLERANCE}`),
    relTolerance: tolerance.optional().describe(`float: largest difference relative to the expected value accepted; default ${DEFAULT_TOLERANCE}`),
  })
  .meta({
    id: 'OutputComparison',
    description:
      'How output is compared: exact (byte for byte), trimmed (ignoring trailing spaces and blank lines; the default), ' +
      'tokens (ignoring all whitespace between words), float (numbers within a tolerance), unordered-lines (lines in any order)',
  });

export const TestCase = z
  .strictObject({
    stdin: z.string().max(64 * 1024).default(''),
    expected: z.string().max(64 * 1024),
    hidden: z.boolean().default(false),
    compare: OutputComparison.optional().describe('Default { mode: "trimmed" }'),
  })
  .meta({ id: 'TestCase' });

export const Checker = z
  .strictObject({
    language: z.enum(CHECKER_LANGUAGES),
    source: z.string().min(1).max(64 * 1024),
  })
  .meta({
    id: 'Checker',
    description:
      "The question's own checker, run in the sandbox after each test when the final code is scored: it gets the paths of " +
      'the input, expected output and actual output files as its arguments; exit status 0 means passed. Never shown to candidates',
  });

export const Question = z
  .strictObject({
    prompt: z.string().min(1).max(64 * 1024).describe('Markdown'),
    language: z.string().min(1).max(32).regex(/^[a-z0-9+#-]+$/, 'a lower-case language id such as "python"'),
    starterCode: z.string().max(128 * 1024).default(''),
    tests: z.array(TestCase).max(100).default([]),
    checker: Checker.optional(),
    guide: z.string().max(64 * 1024).optional().describe('Markdown interviewer guide: hints, follow-ups, what good looks like; never shown to candidates'),
  })
  .meta({ id: 'Question' });

/** A question of the tenant's bank, for a kit or a session: its latest published version unless `version` pins one. */
export const QuestionRef = z
  .strictObject({
    id: z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, 'an id this server returned'),
    version: z.int().min(1).optional().describe('Default: the latest published version'),
  })
  .meta({ id: 'QuestionRef' });

const extraTimeMinutes = z.int().min(0).max(240).describe("An accommodation: minutes added to the interview for this participant (a candidate's extra time)");

export const Participant = z
  .strictObject({
    id,
    name: z.string().trim().min(1).max(100),
    role: Role,
    extraTimeMinutes: extraTimeMinutes.optional(),
  })
  .meta({ id: 'Participant' });

export const SessionStatus = z.enum(['scheduled', 'live', 'ended', 'cancelled']).meta({
  id: 'SessionStatus',
  description: 'scheduled → live → ended, or scheduled → cancelled',
});
export const AutoStart = z.enum(['first-join', 'all-joined', 'manual']).meta({
  id: 'AutoStart',
  description: 'When the server starts a scheduled session: the first candidate or interviewer joins, all of them have joined, or never',
});
export const RevealQuestion = z.enum(['on-start', 'immediately']).meta({
  id: 'RevealQuestion',
  description: 'When the candidate sees the question: once the interview starts, or already in the lobby',
});
export const IntegrityMode = z.enum(['off', 'record']).meta({
  id: 'IntegrityMode',
  description: "Whether integrity signals (pastes, large insertions, the candidate's window losing focus, a second connection) are recorded once the candidate consents",
});
export const RecordingMode = z.enum(['off', 'audio', 'audio+video']).meta({
  id: 'RecordingMode',
  description: "What of the call is recorded once every participant consents: nothing, each participant's audio, or audio and video",
});
export const EndReason = z.enum(['interviewer', 'host', 'time', 'cancelled']).meta({ id: 'EndReason' });

const METADATA_MAX_BYTES = 4096;
export const Metadata = z
  .record(z.string().min(1).max(100), z.string().max(1000))
  .refine((value) => Buffer.byteLength(JSON.stringify(value)) <= METADATA_MAX_BYTES, `at most ${METADATA_MAX_BYTES} bytes as JSON`)
  .meta({ id: 'Metadata', description: "The host's own string values, at most 4 KiB as JSON; never shown to candidates" });
const externalId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'visible ASCII characters only')
  .describe("The host's own id for the interview (e.g. an application id in its ATS); unique per tenant");
const instant = z.iso.datetime({ offset: true });

export const CreateSessionRequest = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    question: Question.optional().describe('The question written inline; or give kit, or questions'),
    kit: z.string().min(1).max(64).optional().describe("A kit of the tenant's question bank: the session is pinned to its version and its questions' versions"),
    questions: z.array(QuestionRef).min(1).max(20).optional().describe("Questions of the tenant's bank, each at its latest published version unless pinned"),
    language: z.string().min(1).max(32).optional().describe("With kit or questions: the coding question's language; its first starter language when absent"),
    participants: z
      .array(Participant)
      .min(1)
      .max(20)
      .refine((list) => new Set(list.map((p) => p.id)).size === list.length, 'participant ids must be unique'),
    durationMinutes: z.int().min(5).max(480).optional(),
    rubric: RubricChoice.optional().describe('The feedback rubric; the coding-interview template when absent'),
    scheduledAt: instant.optional().describe('When the interview is planned to start'),
    autoStart: AutoStart.optional().describe('Default first-join'),
    revealQuestion: RevealQuestion.optional().describe('Default immediately'),
    autoEnd: z.boolean().optional().describe('End the session by itself at endsAt; default false'),
    integrity: IntegrityMode.optional().describe('Default record: integrity signals are recorded once the candidate consents'),
    recording: RecordingMode.optional().describe('Default off. Otherwise nothing is recorded until every participant has consented'),
    externalId: externalId.optional(),
    metadata: Metadata.optional(),
  })
  .refine((r) => [r.question, r.kit, r.questions].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of question, kit and questions',
    path: ['question'],
  })
  .refine((r) => r.language === undefined || r.question === undefined, { message: 'language goes with kit or questions; an inline question names its own', path: ['language'] })
  .meta({ id: 'CreateSessionRequest' });

export const UpdateSessionRequest = z
  .strictObject({
    title: z.string().trim().min(1).max(200).optional(),
    scheduledAt: instant.nullable().optional(),
    durationMinutes: z.int().min(5).max(480).nullable().optional(),
    metadata: Metadata.nullable().optional(),
    participants: z
      .array(z.strictObject({ id, name: z.string().trim().min(1).max(100).optional(), extraTimeMinutes: extraTimeMinutes.optional() }))
      .max(20)
      .optional()
      .describe('New names or extra time of existing participants, by id'),
  })
  .meta({ id: 'UpdateSessionRequest' });

export const ExtendSessionRequest = z
  .strictObject({ minutes: z.int().min(1).max(240) })
  .meta({ id: 'ExtendSessionRequest' });

export const IssuedToken = z
  .object({ id, role: Role, token: z.string(), expiresAt: z.iso.datetime() })
  .meta({ id: 'IssuedToken' });

export const CreateSessionResponse = z
  .object({ id: z.string(), participants: z.array(IssuedToken) })
  .meta({ id: 'CreateSessionResponse' });

/** A session's state and times, as every view of it carries them. */
const sessionTiming = {
  status: SessionStatus,
  createdAt: z.iso.datetime(),
  scheduledAt: z.string().nullable(),
  startedAt: z.iso.datetime().nullable().describe('When the interview went live; the timer counts from here'),
  endsAt: z.iso.datetime().nullable().describe("Start + duration + extensions + the candidate's extra time"),
  endedAt: z.iso.datetime().nullable(),
  endReason: EndReason.nullable(),
  durationMinutes: z.int().nullable(),
};

export const PlannedQuestion = z
  .object({
    index: z.int(),
    id: z.string().nullable().describe('The pinned bank question; null for a question written inline'),
    version: z.int().nullable(),
    type: z.enum(['coding', 'structured']),
    title: z.string(),
    reached: z.boolean().describe('Whether the session has shown it'),
    prompt: z.string().describe("Markdown; a structured question's question text"),
    language: z.string().optional(),
    starterCode: z.string().optional(),
    tests: z.array(TestCase.extend({ index: z.int() })).optional().describe('Hidden tests for interviewers and the host only'),
    hiddenTestCount: z.int().optional(),
    slot: z.int().optional().describe('Coding questions: which shared code it is written in'),
    guide: z.string().optional().describe('Interviewers and the host only'),
    competency: z.string().optional().describe('Structured questions; interviewers and the host only'),
    probes: z.array(z.string()).optional().describe('Structured questions; interviewers and the host only'),
    positiveIndicators: z.array(z.string()).optional().describe('Structured questions; interviewers and the host only'),
    negativeIndicators: z.array(z.string()).optional().describe('Structured questions; interviewers and the host only'),
    anchors: z.array(z.string()).optional().describe('What ratings 1–4 look like; structured questions, interviewers and the host only'),
  })
  .meta({ id: 'PlannedQuestion' });

export const SessionPlanView = z
  .object({
    current: z.int().describe('Position of the current question'),
    questions: z
      .array(PlannedQuestion)
      .describe('Every question for interviewers and the host; the questions reached so far for candidates and observers (none while the question is hidden)'),
  })
  .meta({ id: 'SessionPlan' });

export const MoveQuestionRequest = z
  .strictObject({ index: z.int().min(0).max(99).describe("The question's position in the session's plan") })
  .meta({ id: 'MoveQuestionRequest' });

export const SessionView = z
  .object({
    id: z.string(),
    title: z.string(),
    ...sessionTiming,
    extendedMinutes: z.int(),
    autoStart: AutoStart,
    revealQuestion: RevealQuestion,
    autoEnd: z.boolean(),
    integrity: IntegrityMode,
    recording: RecordingMode,
    externalId: z.string().nullable().optional().describe('Hosts and interviewers only'),
    metadata: z.record(z.string(), z.string()).nullable().optional().describe('Hosts and interviewers only'),
    questionHidden: z.boolean().describe('The question is hidden from this viewer until the start; `question` is empty'),
    question: z.object({
      prompt: z.string(),
      language: z.string(),
      starterCode: z.string(),
      tests: z.array(TestCase.extend({ index: z.int() })),
      hiddenTestCount: z.int(),
      guide: z.string().optional().describe("The interviewer guide (Markdown); interviewers and the host only"),
      index: z.int().describe("Its position in the session's plan"),
      slot: z.int().describe('Which shared code it is written in: 0 is `code`, n is `code.n` (see the collaboration protocol)'),
    }).describe('The coding question in play: the current question, or, while a structured question is current, the coding question before it'),
    plan: SessionPlanView,
    participants: z.array(Participant),
    viewer: z.object({ role: z.union([Role, z.literal('host')]), participantId: z.string().nullable() }),
    video: z.enum(['livekit', 'peer-to-peer']).describe('How video is carried: LiveKit, or peer-to-peer between two participants'),
    rubric: PinnedRubric.optional().describe('The pinned feedback rubric; never shown to candidates'),
  })
  .meta({ id: 'SessionView' });

export const SessionSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    ...sessionTiming,
    externalId: z.string().nullable(),
    metadata: z.record(z.string(), z.string()).nullable(),
    participants: z.array(Participant),
  })
  .meta({ id: 'SessionSummary' });

export const SessionList = z
  .object({ sessions: z.array(SessionSummary), nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last') })
  .meta({ id: 'SessionList' });

export const ListSessionsQuery = z.strictObject({
  status: SessionStatus.optional(),
  externalId: z.string().max(200).optional(),
  participantId: id.optional(),
  scheduledFrom: instant.optional().describe('Scheduled at or after'),
  scheduledTo: instant.optional().describe('Scheduled before'),
  createdFrom: instant.optional().describe('Created at or after'),
  createdTo: instant.optional().describe('Created before'),
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Page size, at most 100'),
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
});

export const IssueTokenRequest = z.strictObject({ participantId: id }).meta({ id: 'IssueTokenRequest' });

export const LiveKitTokenResponse = z
  .object({ url: z.string(), token: z.string() })
  .meta({ id: 'LiveKitTokenResponse' });

export const SessionIdParams = z.strictObject({ id });

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

export const Health = z.object({ status: z.string() }).meta({ id: 'Health' });

export const Metrics = z.string().meta({ id: 'MetricsText', description: 'Prometheus text exposition format' });
