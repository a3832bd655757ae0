import { z } from 'zod';
import { RUN_VERDICTS } from '@interview-kit/core/runs';
import { EndReason, SessionStatus } from './common.js';
import { Scorecard } from './feedback.js';
import { IntegrityConsent, IntegritySignal } from './integrity.js';
import { ChatMessage } from './chat.js';
import { Score } from './scores.js';

/** Schemas of interview reports and report links. */

/** Paper sizes a PDF report prints on. */
export const PAGE_FORMATS = ['A4', 'Letter'] as const;
export type PageFormat = (typeof PAGE_FORMATS)[number];

/** The longest a report link may live: 30 days. */
export const MAX_LINK_SECONDS = 30 * 24 * 3600;
/** A report link's life when the request names none: 7 days. */
export const DEFAULT_LINK_SECONDS = 7 * 24 * 3600;

const instant = z.iso.datetime();

const CodeEvolution = z.object({
  from: instant.nullable(),
  to: instant.nullable(),
  points: z.array(z.object({ at: instant, chars: z.int() })).describe("The code's size after each edit that changed it"),
  runs: z.array(z.object({ at: instant, passed: z.boolean().nullable() })),
  idle: z.array(z.object({ from: instant, to: instant, seconds: z.int() })).describe('Two minutes or more without edits or runs'),
});

const ReportCode = z.object({
  code: z.string().describe("The entry file's content (the whole program for a single file)"),
  language: z.string(),
  files: z
    .array(z.object({ path: z.string(), content: z.string() }))
    .optional()
    .describe("A project of several files: every file, the entry first, at its path in the shared document's files map"),
});

const ReportRun = z.object({
  id: z.string(),
  at: instant,
  participantId: z.string(),
  name: z.string(),
  language: z.string(),
  verdict: z.enum(RUN_VERDICTS),
  wallMs: z.number(),
  testsRun: z.int(),
  testsPassed: z.int(),
  question: z.int().describe('The position in the plan of the question it ran'),
});

export const Report = z
  .object({
    reportId: z.string(),
    templateVersion: z.int().describe('The template version the HTML and PDF of this report are rendered with'),
    generatedAt: instant,
    session: z.object({
      id: z.string(),
      title: z.string(),
      externalId: z.string().nullable(),
      status: SessionStatus,
      createdAt: instant,
      scheduledAt: z.string().nullable(),
      startedAt: instant.nullable(),
      endsAt: instant.nullable(),
      endedAt: instant.nullable(),
      endReason: EndReason.nullable(),
      durationMinutes: z.int().nullable(),
      extendedMinutes: z.int(),
    }),
    candidates: z.array(z.object({ id: z.string(), name: z.string(), extraTimeMinutes: z.int() })),
    interviewers: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(['interviewer', 'observer']) })).describe('Interviewers and observers'),
    question: z.object({ prompt: z.string(), language: z.string(), visibleTests: z.int(), hiddenTests: z.int(), checker: z.boolean() }),
    finalCode: ReportCode,
    score: Score.nullable().describe('The latest automatic score; null before the first'),
    scoreIsOfFinalCode: z.boolean().describe('Whether that score is of the final code, not of code scored earlier and changed since'),
    runs: z.array(ReportRun).describe('Every run of the session, of every question'),
    questions: z
      .array(
        z.object({
          index: z.int().describe("The question's position in the session's plan (0 for a question written inline)"),
          title: z.string(),
          promptSummary: z.string().describe("The prompt's first paragraph, cut at 280 characters"),
          visibleTests: z.int(),
          hiddenTests: z.int(),
          finalCode: ReportCode.describe('The code it ended with, in its own slot of the shared document'),
          score: z
            .object({ passed: z.int(), total: z.int(), isOfFinalCode: z.boolean() })
            .nullable()
            .describe('Its tests passed in the latest score, hidden ones included; null when that score holds none of it'),
          runs: z.array(ReportRun).describe('Its runs, oldest first'),
          codeEvolution: CodeEvolution.describe('How its code (in its own slot) grew, with its runs'),
        }),
      )
      .describe('One entry per coding question reached, in plan order'),
    codeEvolution: CodeEvolution,
    board: z.string().describe("The whiteboard at the end as a standalone SVG picture (on white, cropped to the shapes); empty when nothing was drawn"),
    scorecard: Scorecard,
    integrity: z
      .object({
        mode: z.enum(['off', 'record']),
        consents: z.array(IntegrityConsent),
        signals: z.array(IntegritySignal.extend({ name: z.string() })),
      })
      .describe("The session's integrity signals, with the candidate's consent: signals, not verdicts"),
    chat: z.array(ChatMessage).describe("The session's chat, oldest first, each message with its author and the server's time"),
  })
  .meta({ id: 'Report', description: 'An interview report for reviewers: hidden tests, every feedback and the private notes included' });

export const ReportFormatQuery = z.strictObject({
  format: z.enum(PAGE_FORMATS).default('A4').describe('Paper size; default A4'),
});

export const CreateReportLinkRequest = z
  .strictObject({
    expiresInSeconds: z
      .int()
      .min(60)
      .max(MAX_LINK_SECONDS)
      .default(DEFAULT_LINK_SECONDS)
      .describe(`How long the link opens the report: 60 s to 30 days; default ${DEFAULT_LINK_SECONDS / 86400} days`),
  })
  .meta({ id: 'CreateReportLinkRequest' });

export const ReportLink = z
  .object({
    url: z.string().describe("The report's HTML page, opened without an API key until the link expires"),
    pdfUrl: z.string().describe('The same report as a PDF (add ?format=Letter for US paper)'),
    expiresAt: instant,
  })
  .meta({ id: 'ReportLink' });

export const ReportLinkParams = z.strictObject({ token: z.string().max(2048) });
