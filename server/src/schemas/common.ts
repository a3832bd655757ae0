import { z } from 'zod';
import { ROLES } from '@interview-kit/core/protocol';
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

export const TestCase = z
  .strictObject({
    stdin: z.string().max(64 * 1024).default(''),
    expected: z.string().max(64 * 1024),
    hidden: z.boolean().default(false),
  })
  .meta({ id: 'TestCase' });

export const Question = z
  .strictObject({
    prompt: z.string().min(1).max(64 * 1024).describe('Markdown'),
    language: z.string().min(1).max(32).regex(/^[a-z0-9+#-]+$/, 'a lower-case language id such as "python"'),
    starterCode: z.string().max(128 * 1024).default(''),
    tests: z.array(TestCase).max(100).default([]),
  })
  .meta({ id: 'Question' });

export const Participant = z
  .strictObject({
    id,
    name: z.string().trim().min(1).max(100),
    role: Role,
  })
  .meta({ id: 'Participant' });

export const CreateSessionRequest = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    question: Question,
    participants: z
      .array(Participant)
      .min(1)
      .max(20)
      .refine((list) => new Set(list.map((p) => p.id)).size === list.length, 'participant ids must be unique'),
    durationMinutes: z.int().min(5).max(480).optional(),
    rubric: RubricChoice.optional().describe('The feedback rubric; the coding-interview template when absent'),
  })
  .meta({ id: 'CreateSessionRequest' });

export const IssuedToken = z
  .object({ id, role: Role, token: z.string(), expiresAt: z.iso.datetime() })
  .meta({ id: 'IssuedToken' });

export const CreateSessionResponse = z
  .object({ id: z.string(), participants: z.array(IssuedToken) })
  .meta({ id: 'CreateSessionResponse' });

export const SessionView = z
  .object({
    id: z.string(),
    title: z.string(),
    status: z.enum(['active', 'ended']),
    createdAt: z.iso.datetime(),
    endedAt: z.iso.datetime().nullable(),
    durationMinutes: z.int().nullable(),
    question: z.object({
      prompt: z.string(),
      language: z.string(),
      starterCode: z.string(),
      tests: z.array(TestCase.extend({ index: z.int() })),
      hiddenTestCount: z.int(),
    }),
    participants: z.array(Participant),
    viewer: z.object({ role: z.union([Role, z.literal('host')]), participantId: z.string().nullable() }),
    video: z.enum(['livekit', 'peer-to-peer']).describe('How video is carried: LiveKit, or peer-to-peer between two participants'),
    rubric: PinnedRubric.optional().describe('The pinned feedback rubric; never shown to candidates'),
  })
  .meta({ id: 'SessionView' });

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
