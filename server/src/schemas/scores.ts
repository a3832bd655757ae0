import { z } from 'zod';
import { COMPARE_MODES } from '@interview-kit/core/protocol';
import { RUN_VERDICTS } from '@interview-kit/core/runs';

/** Schemas of automatic scores: they document `GET/POST /v1/sessions/:id/score`. */

export const ScoredTest = z
  .object({
    index: z.int(),
    hidden: z.boolean(),
    passed: z.boolean(),
    verdict: z.enum(RUN_VERDICTS),
    judgedBy: z.union([z.enum(COMPARE_MODES), z.literal('checker')]).describe("A comparison mode, or the question's checker"),
    cpuMs: z.number(),
    wallMs: z.number(),
    memoryKb: z.number(),
    stdin: z.string(),
    expected: z.string(),
    actual: z.string(),
    stderr: z.string(),
  })
  .meta({ id: 'ScoredTest', description: "One test's verdict on the final code; texts cut at 2000 characters" });

export const ScoredQuestion = z
  .object({
    index: z.int().describe("The question's position in the session's plan (0 for a question written inline)"),
    title: z.string(),
    language: z.string(),
    codeHash: z.string().describe("SHA-256 of this question's final code, hex"),
    passed: z.int(),
    total: z.int(),
    tests: z.array(ScoredTest).describe('Every test of this question, hidden ones included'),
  })
  .meta({ id: 'ScoredQuestion', description: 'The score of one coding question the session reached: its final code (from its own code slot) on its own tests' });

export const Score = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    status: z.enum(['pending', 'done', 'failed']),
    codeHash: z.string().describe('SHA-256 of the scored code, hex (of all the questions\' codes when the session reached several)'),
    questionVersion: z.string().describe('SHA-256 of the question with its tests and checker, hex (likewise of all the questions)'),
    language: z.string().describe('The language of the coding question in play at the end'),
    passed: z.int().nullable().describe('Passed tests over every question scored'),
    total: z.int().nullable().describe('Tests over every question scored'),
    tests: z.array(ScoredTest).describe('Every test of every question scored, in plan order, hidden ones included (for reviewers); empty until done'),
    questions: z.array(ScoredQuestion).describe('One entry per coding question reached, in plan order; empty until done'),
    error: z.string().nullable().describe('Why scoring failed'),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Score', description: 'The automatic score of the final code: the session total and one entry per coding question reached; one record per codes, question versions and language' });
