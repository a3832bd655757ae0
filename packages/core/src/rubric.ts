/**
 * The feedback model: rubrics (competencies rated on a 1–4 scale with an anchor text per level,
 * an overall recommendation, required fields), built-in rubric templates, one interviewer's
 * feedback, and the scorecard that combines everyone's. Shared by the reference server and
 * `<interview-feedback>`; no DOM code.
 *
 * @module
 */
import type { ProblemFieldError } from './protocol.js';

/** The rating scale of every competency, lowest first. */
export const RATING_SCALE = [1, 2, 3, 4] as const;

/** A competency rating: 1 (lowest) to 4 (highest). */
export type Rating = (typeof RATING_SCALE)[number];

/** The overall recommendation scale, from most negative to most positive. */
export const RECOMMENDATIONS = ['strong_no', 'no', 'yes', 'strong_yes'] as const;

export type Recommendation = (typeof RECOMMENDATIONS)[number];

/** One thing the candidate is assessed on. */
export interface Competency {
  /** Unique within the rubric; lower-case letters, digits, `-` and `_`. */
  id: string;
  title: string;
  description: string;
  /** What each rating means, for ratings 1 to 4 in that order. */
  anchors: [string, string, string, string];
  /**
   * Short names of the ratings 1 to 4 (a word each, e.g. `Stuck`, `Guided`, `Solid`, `Optimal`),
   * shown on the rating control beside the number; the anchors say what they mean. The built-in
   * templates carry them; without them the control shows the numbers only.
   */
  labels?: [string, string, string, string];
  /** Whether submitted feedback must rate this competency. */
  required: boolean;
}

/** A structured scorecard template. A session pins the whole rubric, version included, when it is created. */
export interface Rubric {
  /** A built-in template id such as `coding-interview`, or the host's own id for a custom rubric. */
  id: string;
  /** Increases whenever the rubric's content changes, so old scorecards stay readable. */
  version: number;
  title: string;
  competencies: Competency[];
  /** Which overall fields submitted feedback must fill in. */
  requires: { recommendation: boolean; summary: boolean };
}

const CODING_INTERVIEW: Rubric = {
  id: 'coding-interview',
  version: 1,
  title: 'Coding interview',
  competencies: [
    {
      id: 'problem-solving',
      title: 'Problem solving',
      description: 'Understands the problem, explores approaches and reaches a working solution.',
      anchors: [
        'Could not make meaningful progress, even with substantial hints.',
        'Reached a partial or brute-force solution with significant guidance.',
        'Reached a sound solution with little guidance and discussed trade-offs.',
        'Reached an optimal solution independently and reasoned clearly about complexity and alternatives.',
      ],
      labels: ['Stuck', 'Guided', 'Solid', 'Optimal'],
      required: true,
    },
    {
      id: 'code-quality',
      title: 'Code quality',
      description: 'Writes correct, readable and idiomatic code with sensible structure and naming.',
      anchors: [
        'Code was hard to follow or largely incorrect.',
        'Code worked in part but was disorganised or unidiomatic.',
        'Code was correct, readable and reasonably structured.',
        'Code was clean, idiomatic and easy to extend; a pleasure to review.',
      ],
      labels: ['Poor', 'Rough', 'Clean', 'Exemplary'],
      required: true,
    },
    {
      id: 'verification',
      title: 'Verification and testing',
      description: 'Checks the solution: walks through examples, finds edge cases, tests and debugs methodically.',
      anchors: [
        'Did not check the solution; bugs had to be pointed out.',
        'Tested only the given example; found bugs with help.',
        'Tested normal and edge cases and fixed bugs on their own.',
        'Tested systematically, anticipated edge cases and debugged efficiently.',
      ],
      labels: ['Untested', 'Basic', 'Thorough', 'Systematic'],
      required: true,
    },
    {
      id: 'communication',
      title: 'Communication',
      description: 'Explains their thinking, asks clarifying questions and takes feedback on board.',
      anchors: [
        'Rarely explained their thinking; hard to collaborate with.',
        'Explained when prompted; some confusion went unresolved.',
        'Explained their approach clearly and asked useful questions.',
        'Thought aloud throughout, structured the discussion and integrated feedback smoothly.',
      ],
      labels: ['Unclear', 'Prompted', 'Clear', 'Excellent'],
      required: true,
    },
  ],
  requires: { recommendation: true, summary: false },
};

/** The built-in rubric templates by id; a session created with a template id pins the current version. */
export const RUBRIC_TEMPLATES = { 'coding-interview': CODING_INTERVIEW } as const satisfies Record<string, Rubric>;

export type RubricTemplateId = keyof typeof RUBRIC_TEMPLATES;

/** The ids of the built-in templates. */
export const RUBRIC_TEMPLATE_IDS = Object.keys(RUBRIC_TEMPLATES) as RubricTemplateId[];

/** The template sessions get when created without a rubric. */
export const DEFAULT_RUBRIC_TEMPLATE: RubricTemplateId = 'coding-interview';

/** A copy of a built-in template (a fresh object, so callers may keep or change it). */
export function rubricTemplate(id: RubricTemplateId): Rubric {
  return structuredClone(RUBRIC_TEMPLATES[id]);
}

/** A custom rubric as a host supplies it: descriptions, `required` flags and the version may be left out; short `labels` are the built-in templates' own. */
export interface RubricInput {
  id: string;
  /** Defaults to 1. */
  version?: number;
  title: string;
  competencies: (Omit<Competency, 'description' | 'required' | 'labels'> & { description?: string; required?: boolean })[];
  /** Defaults to a required recommendation and an optional summary. */
  requires?: Partial<Rubric['requires']>;
}

/** A complete rubric from a host's input, with the defaults filled in. */
export function normalizeRubric(input: RubricInput): Rubric {
  return {
    id: input.id,
    version: input.version ?? 1,
    title: input.title,
    competencies: input.competencies.map((c) => ({
      id: c.id,
      title: c.title,
      description: c.description ?? '',
      anchors: [...c.anchors],
      required: c.required ?? true,
    })),
    requires: { recommendation: input.requires?.recommendation ?? true, summary: input.requires?.summary ?? false },
  };
}

/** The rubric a session is created with: a built-in template id or a custom rubric. */
export type RubricChoice = RubricTemplateId | RubricInput;

/** The rubric a choice stands for (the default template when there is no choice). */
export function resolveRubric(choice: RubricChoice | undefined): Rubric {
  if (choice === undefined) return rubricTemplate(DEFAULT_RUBRIC_TEMPLATE);
  return typeof choice === 'string' ? rubricTemplate(choice) : normalizeRubric(choice);
}

declare module './protocol.js' {
  interface CreateSessionRequest {
    /** The rubric interviewers score against; the default coding-interview template when absent. */
    rubric?: RubricChoice;
  }
  interface SessionView {
    /** The rubric pinned when the session was created; never present in a candidate's view. */
    rubric?: Rubric;
  }
}

/** One competency as an interviewer assessed it. */
export interface CompetencyAssessment {
  /** `null` while not rated yet. */
  rating: Rating | null;
  /** Markdown evidence notes; may hold moment links such as `[12:34](#t=754)`. */
  evidence: string;
}

/** What an interviewer writes: the body of a draft save and of a submit. */
export interface FeedbackContent {
  /** Assessments by competency id; competencies not yet touched may be absent. */
  competencies: Record<string, CompetencyAssessment>;
  recommendation: Recommendation | null;
  /** Markdown. */
  summary: string;
}

export type FeedbackStatus = 'draft' | 'submitted';

/** One participant's feedback as stored: a draft until submitted, final afterwards. */
export interface Feedback extends FeedbackContent {
  participantId: string;
  name: string;
  role: 'interviewer' | 'observer';
  status: FeedbackStatus;
  /** The pinned rubric the feedback was written against. */
  rubricId: string;
  rubricVersion: number;
  updatedAt: string;
  submittedAt: string | null;
}

/** Response of `GET /v1/sessions/:id/feedback`: the caller's own feedback, if any, and the rubric to fill in. */
export interface OwnFeedback {
  rubric: Rubric;
  feedback: Feedback | null;
}

/** Ratings of one competency across all submitted feedback. */
export interface CompetencyScore {
  competencyId: string;
  title: string;
  /** How many submitted feedbacks rated it. */
  count: number;
  /** Mean rating, `null` when nobody rated it. */
  mean: number | null;
  min: number | null;
  max: number | null;
  /** Highest minus lowest rating (0 when only one rating). */
  spread: number | null;
  /** Whether the ratings are at least {@link DISAGREEMENT_SPREAD} apart. */
  disagreement: boolean;
}

/** Response of `GET /v1/sessions/:id/scorecard`: everyone's feedback combined. */
export interface Scorecard {
  sessionId: string;
  rubric: Rubric;
  /** Submitted feedback, one per participant, in participant order. Drafts are never included. */
  feedback: Feedback[];
  /** Interviewers and observers who have not submitted yet. */
  pending: { participantId: string; name: string; role: 'interviewer' | 'observer' }[];
  competencies: CompetencyScore[];
  /** How many submitted feedbacks gave each recommendation. */
  recommendations: Record<Recommendation, number>;
  /** Whether the recommendations fall on both sides of hire / no hire. */
  recommendationsDisagree: boolean;
  /** Whether any competency shows disagreement or the recommendations disagree. */
  disagreement: boolean;
  /** The interviewers' shared private notes (Markdown), `null` when none are available. */
  notes: string | null;
}

/** Ratings this far apart (or more) on one competency count as disagreement: e.g. a 2 and a 4. */
export const DISAGREEMENT_SPREAD = 2;

/** Limits of free-text fields, enforced by the server and the form alike. */
export const FEEDBACK_LIMITS = { evidence: 20_000, summary: 20_000 } as const;

/** Why a feedback field is invalid; elements translate these, the server sends them with English messages. */
export type FeedbackErrorCode = 'unknown-competency' | 'rating-out-of-range' | 'rating-required' | 'recommendation-required' | 'summary-required' | 'too-long';

/** A field-level error of feedback validation, `path` as in problem details (`competencies.<id>.rating`). */
export interface FeedbackFieldError extends ProblemFieldError {
  code: FeedbackErrorCode;
}

const MESSAGES: Record<FeedbackErrorCode, string> = {
  'unknown-competency': 'is not a competency of this session\'s rubric',
  'rating-out-of-range': `must be one of ${RATING_SCALE.join(', ')}`,
  'rating-required': 'is required',
  'recommendation-required': 'is required',
  'summary-required': 'is required',
  'too-long': 'is too long',
};

/**
 * Checks feedback against a rubric. Drafts may be incomplete, but every rating must be on the
 * scale and every competency must belong to the rubric; `submit` also requires the rubric's
 * required fields.
 */
export function validateFeedback(rubric: Rubric, content: FeedbackContent, mode: 'draft' | 'submit'): FeedbackFieldError[] {
  const errors: FeedbackFieldError[] = [];
  const fail = (path: string, code: FeedbackErrorCode) => errors.push({ path, code, message: MESSAGES[code] });
  const known = new Set(rubric.competencies.map((c) => c.id));
  for (const [id, assessment] of Object.entries(content.competencies)) {
    if (!known.has(id)) {
      fail(`competencies.${id}`, 'unknown-competency');
      continue;
    }
    if (assessment.rating !== null && !(RATING_SCALE as readonly number[]).includes(assessment.rating)) {
      fail(`competencies.${id}.rating`, 'rating-out-of-range');
    }
    if (assessment.evidence.length > FEEDBACK_LIMITS.evidence) fail(`competencies.${id}.evidence`, 'too-long');
  }
  if (content.summary.length > FEEDBACK_LIMITS.summary) fail('summary', 'too-long');
  if (mode === 'submit') {
    for (const competency of rubric.competencies) {
      if (competency.required && (content.competencies[competency.id]?.rating ?? null) === null) {
        fail(`competencies.${competency.id}.rating`, 'rating-required');
      }
    }
    if (rubric.requires.recommendation && content.recommendation === null) fail('recommendation', 'recommendation-required');
    if (rubric.requires.summary && !content.summary.trim()) fail('summary', 'summary-required');
  }
  return errors;
}

/** Empty feedback for a rubric: every competency present and unrated. */
export function emptyFeedback(rubric: Rubric): FeedbackContent {
  return {
    competencies: Object.fromEntries(rubric.competencies.map((c) => [c.id, { rating: null, evidence: '' }])),
    recommendation: null,
    summary: '',
  };
}

/** Whole seconds from `start` (an ISO time such as the session's `startedAt`) to `now`, never negative. */
export function secondsSince(start: string, now: number = Date.now()): number {
  return Math.max(0, Math.floor((now - Date.parse(start)) / 1000));
}

/** `m:ss`, or `h:mm:ss` from one hour on. */
export function formatSessionTime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(s % 60)}` : `${minutes}:${pad(s % 60)}`;
}

/** A Markdown link into the session replay at `seconds`, e.g. `[12:34](#t=754)`. */
export function momentLink(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `[${formatSessionTime(s)}](#t=${s})`;
}

/** The seconds a moment link points at (`#t=754` → 754), `undefined` for any other link. */
export function momentSeconds(href: string): number | undefined {
  const match = /^#t=(\d{1,7})$/.exec(href);
  return match ? Number(match[1]) : undefined;
}

/**
 * When a session's clock starts, as an ISO time: moment links count from here. The start of the
 * interview (`startedAt`), or its creation while it has not started.
 */
export function sessionClockStart(timing: { startedAt: string | null; createdAt: string }): string {
  return timing.startedAt ?? timing.createdAt;
}
