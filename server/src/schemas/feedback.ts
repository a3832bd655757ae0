import { z } from 'zod';
import { FEEDBACK_LIMITS, RATING_SCALE, RECOMMENDATIONS, RUBRIC_TEMPLATE_IDS, type RubricTemplateId } from '@interview-kit/core/rubric';

/** Rubric and feedback schemas: they validate input and document the feedback API. */

const slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, "-" or "_"');

const anchor = z.string().trim().min(1).max(500);
const unique = (ids: string[]) => new Set(ids).size === ids.length;

export const Competency = z
  .strictObject({
    id: slug,
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000).optional(),
    anchors: z.tuple([anchor, anchor, anchor, anchor]).describe(`What each rating ${RATING_SCALE.join(', ')} means, in that order`),
    required: z.boolean().optional().describe('Whether submitted feedback must rate it; default true'),
  })
  .meta({ id: 'Competency' });

export const Rubric = z
  .strictObject({
    id: slug.refine((id) => !(RUBRIC_TEMPLATE_IDS as string[]).includes(id), 'is the id of a built-in template; pick another id'),
    version: z.int().min(1).max(1_000_000).optional().describe('Default 1'),
    title: z.string().trim().min(1).max(200),
    competencies: z
      .array(Competency)
      .min(1)
      .max(30)
      .refine((list) => unique(list.map((c) => c.id)), 'competency ids must be unique'),
    requires: z
      .strictObject({ recommendation: z.boolean().optional(), summary: z.boolean().optional() })
      .optional()
      .describe('Which overall fields submitted feedback must fill in; by default the recommendation only'),
  })
  .meta({ id: 'RubricInput', description: 'A custom rubric' });

export const RubricChoice = z
  .union([z.enum(RUBRIC_TEMPLATE_IDS as [RubricTemplateId, ...RubricTemplateId[]]), Rubric])
  .meta({ id: 'RubricChoice', description: 'A built-in template id or a custom rubric; the session pins it, version included' });

/** A rubric as the server stores and returns it: every default filled in. */
export const PinnedRubric = z
  .object({
    id: z.string(),
    version: z.int(),
    title: z.string(),
    competencies: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        description: z.string(),
        anchors: z.tuple([z.string(), z.string(), z.string(), z.string()]),
        labels: z.tuple([z.string(), z.string(), z.string(), z.string()]).optional().describe('Short names of the ratings; built-in templates only'),
        required: z.boolean(),
      }),
    ),
    requires: z.object({ recommendation: z.boolean(), summary: z.boolean() }),
  })
  .meta({ id: 'Rubric' });

const Rating = z.literal(RATING_SCALE).nullable();

export const Recommendation = z.enum(RECOMMENDATIONS).meta({ id: 'Recommendation' });

export const CompetencyAssessment = z
  .strictObject({
    rating: Rating.default(null),
    evidence: z.string().max(FEEDBACK_LIMITS.evidence).default('').describe('Markdown; may hold moment links like [12:34](#t=754)'),
  })
  .meta({ id: 'CompetencyAssessment' });

export const FeedbackContent = z
  .strictObject({
    competencies: z
      .record(z.string().max(64), CompetencyAssessment)
      .refine((record) => Object.keys(record).length <= 100, 'too many competencies')
      .default({})
      .describe('Assessments by competency id'),
    recommendation: Recommendation.nullable().default(null),
    summary: z.string().max(FEEDBACK_LIMITS.summary).default('').describe('Markdown'),
  })
  .meta({ id: 'FeedbackContent' });

const author = {
  participantId: z.string(),
  name: z.string(),
  role: z.enum(['interviewer', 'observer']),
};

export const Feedback = z
  .object({
    ...author,
    status: z.enum(['draft', 'submitted']),
    competencies: z.record(z.string(), z.object({ rating: Rating, evidence: z.string() })),
    recommendation: Recommendation.nullable(),
    summary: z.string(),
    rubricId: z.string(),
    rubricVersion: z.int(),
    updatedAt: z.iso.datetime(),
    submittedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Feedback' });

export const OwnFeedback = z
  .object({ rubric: PinnedRubric, feedback: Feedback.nullable() })
  .meta({ id: 'OwnFeedback', description: "The caller's feedback (null before the first save) and the rubric to fill in" });

export const CompetencyScore = z
  .object({
    competencyId: z.string(),
    title: z.string(),
    count: z.int(),
    mean: z.number().nullable(),
    min: z.int().nullable(),
    max: z.int().nullable(),
    spread: z.int().nullable().describe('Highest minus lowest rating'),
    disagreement: z.boolean(),
  })
  .meta({ id: 'CompetencyScore' });

export const Scorecard = z
  .object({
    sessionId: z.string(),
    rubric: PinnedRubric,
    feedback: z.array(Feedback).describe('Submitted feedback only'),
    pending: z.array(z.object(author)).describe('Interviewers and observers who have not submitted'),
    competencies: z.array(CompetencyScore),
    recommendations: z.record(Recommendation, z.int()),
    recommendationsDisagree: z.boolean(),
    disagreement: z.boolean(),
    notes: z.string().nullable().describe("The interviewers' private notes (Markdown), null when unavailable"),
  })
  .meta({ id: 'Scorecard' });

export const RubricTemplates = z.array(PinnedRubric).meta({ id: 'RubricTemplates' });
