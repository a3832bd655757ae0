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

export const Score = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    status: z.enum(['pending', 'done', 'failed']),
    codeHash: z.string().describe('SHA-256 of the scored code, hex'),
    questionVersion: z.string().describe('SHA-256 of the question with its tests and checker, hex'),
    language: z.string(),
    passed: z.int().nullable(),
    total: z.int().nullable(),
    tests: z.array(ScoredTest).describe('Every test, hidden ones included (for reviewers); empty until done'),
    error: z.string().nullable().describe('Why scoring failed'),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Score', description: 'The automatic score of the final code; one record per code, question version and language' });
