import { z } from 'zod';
import { PROJECT_PATH_MAX_LENGTH, validateProjectPath } from '@interview-kit/core/collab/project';
import { RubricChoice } from './feedback.js';
import { QuestionRef, TestCase } from './common.js';
import { cursor, limit, nextCursor } from './pages.js';

/**
 * Question bank schemas: questions (coding and structured), interview kits, the bank's export
 * format and the statistics of a question. They validate input and document the API.
 */

/** Languages a coding question may carry starter code and reference solutions for (the executor's ids). */
export const BANK_LANGUAGES = ['python', 'javascript', 'typescript', 'java', 'cpp', 'go', 'ruby', 'bash'] as const;
/** The built-in rubric's competencies a structured question may assess. */
export const COMPETENCIES = ['problem-solving', 'code-quality', 'verification', 'communication'] as const;
/** Tests a bank question may have: with at most 8 languages, publishing runs at most 8 × 50 programs. */
export const MAX_BANK_TESTS = 50;

export const Slug = z.string().min(1).max(80).regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and "-"').describe('Stable id of the question within a bank');
export const Difficulty = z.enum(['easy', 'medium', 'hard']).meta({ id: 'Difficulty' });
export const QuestionStatus = z.enum(['draft', 'published', 'archived']).meta({
  id: 'QuestionStatus',
  description: 'draft → published → archived; only published questions go into new sessions',
});
export const BankLanguage = z.enum(BANK_LANGUAGES).meta({ id: 'BankLanguage' });
export const Competency = z.enum(COMPETENCIES).meta({ id: 'CompetencyId', description: 'A competency of the built-in coding-interview rubric' });

const text = (max: number) => z.string().max(max);
const code = z.string().max(128 * 1024);
const lines = z.array(z.string().trim().min(1).max(2000)).max(30);

/** Files a question's starter or solution project may have in one language: as many as a shared document holds (`DOC_MAX_FILES`' default). */
export const MAX_PROJECT_FILES = 20;

/** A file tree: files at relative paths (as the editor and `POST /v1/runs` allow them), no path twice. */
const projectFiles = z
  .array(
    z.strictObject({
      path: z
        .string()
        .max(PROJECT_PATH_MAX_LENGTH)
        .superRefine((path, ctx) => {
          const invalid = validateProjectPath(path);
          if (invalid) ctx.addIssue({ code: 'custom', message: invalid });
        })
        .describe('Relative, "/"-separated path such as lib/helper.py'),
      content: code,
    }),
  )
  .min(1)
  .max(MAX_PROJECT_FILES)
  .superRefine((files, ctx) => {
    const seen = new Set<string>();
    files.forEach((file, index) => {
      if (seen.has(file.path)) ctx.addIssue({ code: 'custom', path: [index, 'path'], message: `"${file.path}" appears twice` });
      seen.add(file.path);
    });
  });

const common = {
  slug: Slug,
  title: z.string().trim().min(1).max(200),
  prompt: text(64 * 1024).min(1).describe('Markdown; for structured questions the question text'),
  difficulty: Difficulty,
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  estimatedMinutes: z.int().min(1).max(240),
};

export const CodingQuestion = z
  .strictObject({
    ...common,
    type: z.literal('coding'),
    guide: text(64 * 1024).describe('Markdown interviewer guide: hints, follow-ups, what good looks like; never shown to candidates'),
    starterCode: z.partialRecord(BankLanguage, code).refine((m) => Object.keys(m).length > 0, 'at least one language').describe('Starter code by language'),
    starterFiles: z
      .partialRecord(BankLanguage, projectFiles)
      .optional()
      .describe(
        'Starter code by language as a file tree: seeds the shared document\'s files map when a session starts. A file at the ' +
          "language's entry path (main.py, Main.java, main.cpp, …) is the entry's starter code instead of starterCode",
      ),
    tests: z.array(TestCase).min(1).max(MAX_BANK_TESTS),
    solutions: z
      .partialRecord(BankLanguage, code.min(1))
      .refine((m) => Object.keys(m).length > 0, 'at least one reference solution')
      .describe('Reference solution by language; never sent to candidates. Publishing runs each against every test'),
    solutionFiles: z
      .partialRecord(BankLanguage, projectFiles)
      .optional()
      .describe(
        "A reference solution's other files by language (never sent to candidates): publishing runs the solution as the entry " +
          'with the starter files, these replacing starter files of the same path',
      ),
    rubric: z.string().min(1).max(64).optional().describe('Default rubric id, e.g. coding-interview'),
  })
  .meta({ id: 'CodingQuestion' });

export const StructuredQuestion = z
  .strictObject({
    ...common,
    type: z.literal('structured'),
    guide: text(64 * 1024).optional().describe('Markdown interviewer guide; never shown to candidates'),
    competency: Competency,
    probes: lines.describe('Follow-up probes'),
    positiveIndicators: lines,
    negativeIndicators: lines,
    anchors: z.tuple([text(2000), text(2000), text(2000), text(2000)]).describe('What each rating level 1..4 looks like'),
  })
  .meta({ id: 'StructuredQuestion' });

export const QuestionContent = z.discriminatedUnion('type', [CodingQuestion, StructuredQuestion]).meta({
  id: 'QuestionContent',
  description: 'One question: its slug, type and content (a version of it)',
});

/** Everything `PATCH /v1/questions/:id` may change: any field but `type`. */
export const UpdateQuestionRequest = z
  .strictObject({
    title: common.title.optional(),
    prompt: common.prompt.optional(),
    difficulty: Difficulty.optional(),
    tags: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
    estimatedMinutes: common.estimatedMinutes.optional(),
    guide: text(64 * 1024).optional(),
    starterCode: z.record(z.string(), code).optional(),
    starterFiles: z.record(z.string(), projectFiles).nullable().optional().describe('null removes every starter file tree'),
    tests: z.array(TestCase).optional(),
    solutions: z.record(z.string(), code).optional(),
    solutionFiles: z.record(z.string(), projectFiles).nullable().optional().describe("null removes every solution's file tree"),
    rubric: z.string().min(1).max(64).nullable().optional(),
    competency: Competency.optional(),
    probes: lines.optional(),
    positiveIndicators: lines.optional(),
    negativeIndicators: lines.optional(),
    anchors: z.tuple([text(2000), text(2000), text(2000), text(2000)]).optional(),
  })
  .meta({ id: 'UpdateQuestionRequest', description: 'The fields to change (not the slug or the type); the result is validated as a whole question' });

const instant = z.iso.datetime();
const entryId = z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, 'an id this server returned');

const versionFields = {
  id: z.string(),
  status: QuestionStatus,
  version: z.int().describe('The version shown'),
  latestVersion: z.int(),
  createdAt: instant,
  updatedAt: instant,
  publishedAt: instant.nullable().describe('When this version was published; null for a draft'),
};

export const Question = z
  .object({ ...versionFields, question: QuestionContent })
  .meta({ id: 'BankQuestion', description: 'A question of the bank at one version' });

export const QuestionSummary = z
  .object({
    id: z.string(),
    slug: z.string(),
    type: z.enum(['coding', 'structured']),
    title: z.string(),
    difficulty: Difficulty,
    tags: z.array(z.string()),
    languages: z.array(z.string()).describe('Languages with starter code or a solution (coding questions)'),
    status: QuestionStatus,
    version: z.int().describe('The latest version'),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'QuestionSummary' });

export const QuestionList = z.object({ questions: z.array(QuestionSummary), nextCursor }).meta({ id: 'QuestionList' });

export const ListQuestionsQuery = z.strictObject({
  text: z.string().trim().min(1).max(200).optional().describe('Words in the title or the prompt (case-insensitive)'),
  tag: z.string().trim().min(1).max(40).optional(),
  difficulty: Difficulty.optional(),
  language: BankLanguage.optional(),
  type: z.enum(['coding', 'structured']).optional(),
  status: QuestionStatus.optional(),
  limit,
  cursor,
});

export const QuestionIdParams = z.strictObject({ id: entryId });
export const QuestionVersionParams = z.strictObject({ id: entryId, n: z.coerce.number().int().min(1).max(1_000_000) });

export { QuestionRef };

const refs = z.array(QuestionRef).min(1).max(20);

export const KitSection = z
  .strictObject({
    title: z.string().trim().min(1).max(200).optional(),
    minutes: z.int().min(1).max(240).describe('Time budget'),
    questions: refs.optional().describe('One coding question, or a set of structured questions'),
    variants: z.array(refs).min(2).max(5).optional().describe('A/B variants: each session gets one at random, recorded and compared in the statistics'),
  })
  .refine((s) => (s.questions === undefined) !== (s.variants === undefined), 'give either questions or variants')
  .meta({ id: 'KitSection' });

export const KitContent = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    durationMinutes: z.int().min(5).max(480),
    rubric: RubricChoice.optional().describe('The feedback rubric of its sessions; the coding-interview template when absent'),
    sections: z.array(KitSection).min(1).max(20),
  })
  .meta({ id: 'KitContent' });

export const UpdateKitRequest = z
  .strictObject({
    name: KitContent.shape.name.optional(),
    durationMinutes: KitContent.shape.durationMinutes.optional(),
    rubric: RubricChoice.nullable().optional(),
    sections: KitContent.shape.sections.optional(),
  })
  .meta({ id: 'UpdateKitRequest' });

export const Kit = z
  .object({ id: z.string(), version: z.int(), createdAt: instant, updatedAt: instant, kit: KitContent })
  .meta({ id: 'Kit', description: 'An interview kit at its latest version; every change makes a new version' });

export const KitList = z
  .object({ kits: z.array(z.object({ id: z.string(), name: z.string(), version: z.int(), createdAt: instant, updatedAt: instant })), nextCursor })
  .meta({ id: 'KitList' });

export const ListKitsQuery = z.strictObject({ limit, cursor });

/** A question reference inside an exported kit: by slug, as ids differ between banks. */
const ExportedRef = z.strictObject({ slug: Slug, version: z.int().min(1).optional() });
const exportedRefs = z.array(ExportedRef).min(1).max(20);
const ExportedKitContent = KitContent.extend({
  sections: z
    .array(
      z.strictObject({
        title: z.string().trim().min(1).max(200).optional(),
        minutes: z.int().min(1).max(240),
        questions: exportedRefs.optional(),
        variants: z.array(exportedRefs).min(2).max(5).optional(),
      }),
    )
    .min(1)
    .max(20),
});

const history = <T extends z.ZodType>(content: T) => z.array(content).max(1000).default([]).describe('Earlier versions, oldest first');

const exported = { status: QuestionStatus, history: history(QuestionContent) };
export const ExportedQuestion = z
  .discriminatedUnion('type', [CodingQuestion.extend(exported), StructuredQuestion.extend(exported)])
  .meta({ id: 'ExportedQuestion', description: 'The latest version of a question, its status and its earlier versions' });

export const ExportedKit = ExportedKitContent.extend({ history: history(ExportedKitContent) }).meta({ id: 'ExportedKit' });

export const BANK_FORMAT = 'interview-kit/question-bank';

export const QuestionBank = z
  .strictObject({
    format: z.literal(BANK_FORMAT),
    version: z.literal(1),
    questions: z.array(ExportedQuestion).max(2000),
    kits: z.array(ExportedKit).max(500).default([]),
  })
  .meta({ id: 'QuestionBank', description: 'A whole question bank as JSON: questions by slug, kits referring to them by slug' });

export const ImportRequest = z
  .union([
    QuestionBank.extend({ existing: z.enum(['refuse', 'skip']).optional() }),
    z.strictObject({ source: z.literal('starter-bank'), existing: z.enum(['refuse', 'skip']).optional() }),
  ])
  .meta({
    id: 'ImportQuestionsRequest',
    description:
      'An exported bank, or { "source": "starter-bank" } for the built-in questions. A slug the tenant has already is refused (409), ' +
      'or skipped with existing: "skip"',
  });

export const ImportResult = z
  .object({
    questions: z.array(z.object({ id: z.string(), slug: z.string() })),
    kits: z.array(z.object({ id: z.string(), name: z.string() })),
    skipped: z.array(z.string()).describe('Slugs the tenant had already'),
  })
  .meta({ id: 'ImportQuestionsResult' });

const counted = { count: z.int().describe('How many sessions the figure rests on') };

export const QuestionStats = z
  .object({
    id: z.string(),
    versions: z.array(
      z.object({
        version: z.int(),
        timesUsed: z.int().describe('Sessions created with this version'),
        scores: z.object({
          ...counted,
          meanPercent: z.number().nullable(),
          distribution: z.array(z.object({ fromPercent: z.int(), toPercent: z.int(), count: z.int() })).describe('Tests passed by the final code, in percent'),
        }),
        ratings: z.array(z.object({ competency: z.string(), mean: z.number(), ...counted })).describe('Submitted feedback ratings (1–4) per competency'),
        firstPassingRun: z.object({ ...counted, medianSeconds: z.number().nullable().describe('From the start to the first run passing all its tests') }),
        variants: z
          .array(
            z.object({
              kitId: z.string(),
              section: z.int(),
              variant: z.int(),
              sessions: z.int(),
              meanScorePercent: z.number().nullable(),
              scoreCount: z.int(),
              meanRating: z.number().nullable(),
              ratingCount: z.int(),
            }),
          )
          .describe('Every variant of each kit section this version was drawn in, side by side'),
      }),
    ),
  })
  .meta({ id: 'QuestionStats' });
