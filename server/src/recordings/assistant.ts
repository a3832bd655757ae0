import { z } from 'zod';
import type { Db } from '../adapters/db/database.js';
import type { FieldCipher } from '../adapters/crypto/field-cipher.js';
import type { ModelEndpoint } from '../config/models.js';
import type { StoredRun } from '../services/runs/store.js';
import type { SessionRecord } from '../services/session-record.js';
import { callModel } from './model-calls.js';
import type { TranscriptSegment } from './transcription.js';
import './tables.js';

/** The version of the instructions below; recorded with every draft they made. Change it with them. */
export const ASSISTANT_PROMPT_VERSION = '2026-11-29.1';

/** What every reader of a draft is told: it was written by a model, and decides nothing. */
export const ASSISTANT_LABEL = 'A draft written by a language model for the interviewers. It decides nothing: check its evidence in the replay.';

const INSTRUCTIONS = `You help interviewers review a live coding interview. You are given the question, the rubric,
the candidate's final code, every code run with its results, the transcript with speakers and times, and the
interviewers' private notes. Write for the interviewers:
- "summary": how the candidate worked, in at most 8 sentences: approach, how it evolved, testing, communication.
- "competencies": for EVERY rubric competency (by its id), a suggested rating from 1 to 4 following the rubric's
  anchors, a one-paragraph rationale, and 1 to 6 pieces of evidence, each with the ISO 8601 time ("at") of a
  run, a code change or a transcript segment that shows it, and what it shows.
Only cite times that appear in the material. Never invent facts. You make suggestions; people decide.`;

/** The draft as the model must return it (its JSON schema is sent as the structured output format). */
const DraftShape = z.strictObject({
  summary: z.string().min(1).max(4000),
  competencies: z
    .array(
      z.strictObject({
        competency: z.string(),
        suggestedRating: z.int().min(1).max(4),
        rationale: z.string().min(1).max(2000),
        evidence: z.array(z.strictObject({ at: z.string(), what: z.string().min(1).max(500) })).min(1).max(6),
      }),
    )
    .max(20),
});

export type AssistantDraftContent = z.infer<typeof DraftShape>;

/** A stored draft with what made it. */
export interface AssistantDraft extends AssistantDraftContent {
  label: string;
  promptVersion: string;
  model: string;
  usage: { promptTokens: number | null; completionTokens: number | null; totalTokens: number | null };
  latencyMs: number;
  createdAt: string;
}

/** What the assistant reads about a session. */
export interface AssistantMaterial {
  session: SessionRecord;
  finalCode: { language: string; code: string };
  runs: StoredRun[];
  transcript: TranscriptSegment[];
  notes: string | null;
}

export interface AssistantDeps {
  db: Db;
  cipher: FieldCipher;
  endpoint: ModelEndpoint | undefined;
  now: () => Date;
  /** Counts tokens and times calls (metrics). */
  observe?: (usage: AssistantDraft['usage'], latencyMs: number, outcome: 'stored' | 'invalid') => void;
}

/**
 * The interviewers' assistant: after the session ends (and its recordings are transcribed), one
 * call to an OpenAI-compatible chat-completions endpoint (`ASSISTANT_URL`) with the session's
 * material asks for a summary and, per rubric competency, a suggested rating with evidence as
 * times on the session's timeline. The answer must match the schema (sent as the structured
 * output format, then checked here: every competency of the rubric once, ratings 1–4, evidence
 * times within the session); an answer that does not is never stored — the job retries, then
 * ends dead. The stored draft records the prompt version, model, token usage and latency. It is
 * shown to interviewers and the host only, labelled as a model's draft, and never fills in or
 * submits feedback.
 */
export class Assistant {
  constructor(private readonly deps: AssistantDeps) {}

  get enabled(): boolean {
    return this.deps.endpoint !== undefined;
  }

  /** Asks the model and stores its draft (replacing an earlier one). @throws when the answer is unusable (the job retries). */
  async draft(material: AssistantMaterial, signal: AbortSignal): Promise<void> {
    const endpoint = this.deps.endpoint;
    if (!endpoint) return;
    const { session } = material;
    const { body, latencyMs } = await callModel(
      endpoint,
      '/v1/chat/completions',
      {
        model: endpoint.model,
        temperature: 0.2,
        messages: [
          { role: 'system', content: INSTRUCTIONS },
          { role: 'user', content: JSON.stringify(materialForModel(material)) },
        ],
        response_format: { type: 'json_schema', json_schema: { name: 'interview_review_draft', strict: true, schema: z.toJSONSchema(DraftShape) } },
      },
      signal,
    );
    const answer = body as { choices?: { message?: { content?: string | null; refusal?: string | null } }[]; usage?: Record<string, number> };
    const usage = {
      promptTokens: answer.usage?.prompt_tokens ?? null,
      completionTokens: answer.usage?.completion_tokens ?? null,
      totalTokens: answer.usage?.total_tokens ?? null,
    };
    let content: AssistantDraftContent;
    try {
      content = checkedDraft(answer.choices?.[0]?.message?.content, session);
    } catch (error) {
      this.deps.observe?.(usage, latencyMs, 'invalid');
      throw error;
    }
    this.deps.observe?.(usage, latencyMs, 'stored');
    const row = {
      session_id: session.id,
      prompt_version: ASSISTANT_PROMPT_VERSION,
      model: endpoint.model,
      output: this.deps.cipher.sealText(JSON.stringify(content), draftContext(session.id)),
      usage: JSON.stringify(usage),
      latency_ms: latencyMs,
      created_at: this.deps.now().toISOString(),
    };
    await this.deps.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('assistant_drafts').where('session_id', '=', session.id).execute();
      await trx.insertInto('assistant_drafts').values(row).execute();
    });
  }

  /** The session's draft, if one is stored. */
  async stored(sessionId: string): Promise<AssistantDraft | undefined> {
    const row = await this.deps.db.selectFrom('assistant_drafts').selectAll().where('session_id', '=', sessionId).executeTakeFirst();
    if (!row) return undefined;
    return {
      label: ASSISTANT_LABEL,
      ...(JSON.parse(this.deps.cipher.openText(row.output, draftContext(sessionId))) as AssistantDraftContent),
      promptVersion: row.prompt_version,
      model: row.model,
      usage: JSON.parse(row.usage) as AssistantDraft['usage'],
      latencyMs: Number(row.latency_ms),
      createdAt: row.created_at,
    };
  }
}

/**
 * The model's answer as a draft.
 * @throws {Error} when it is missing, not JSON, off the schema, misses or repeats a competency, or cites a time outside the session.
 */
export function checkedDraft(content: string | null | undefined, session: SessionRecord): AssistantDraftContent {
  if (!content) throw new Error('the assistant answered no content (or refused)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    throw new Error('the assistant answered something that is not JSON');
  }
  const result = DraftShape.safeParse(parsed);
  if (!result.success) throw new Error(`the assistant's answer is off the schema: ${result.error.issues[0]?.path.join('.')}: ${result.error.issues[0]?.message}`);
  const draft = result.data;
  const expected = (session.rubric?.competencies ?? []).map((c) => c.id).sort();
  const given = draft.competencies.map((c) => c.competency).sort();
  if (JSON.stringify(expected) !== JSON.stringify(given)) throw new Error(`the assistant rated ${given.join(', ') || 'nothing'}, not the rubric's ${expected.join(', ')}`);
  const from = Date.parse(session.startedAt ?? session.createdAt);
  const to = Date.parse(session.endedAt ?? new Date().toISOString());
  for (const { competency, evidence } of draft.competencies) {
    for (const { at } of evidence) {
      const time = Date.parse(at);
      if (Number.isNaN(time) || time < from - 1000 || time > to + 60_000) throw new Error(`evidence for ${competency} cites ${at}, outside the session`);
    }
  }
  return draft;
}

/** The material as the model reads it: compact, times as ISO 8601 on the session's timeline. */
function materialForModel({ session, finalCode, runs, transcript, notes }: AssistantMaterial): object {
  const names = new Map(session.participants.map((p) => [p.id, `${p.name} (${p.role})`]));
  return {
    question: { title: session.title, prompt: session.question.prompt },
    session: { startedAt: session.startedAt, endedAt: session.endedAt },
    rubric: (session.rubric?.competencies ?? []).map((c) => ({ id: c.id, title: c.title, description: c.description, anchors: c.anchors })),
    finalCode,
    runs: runs.map((run) => ({
      at: run.createdAt,
      by: names.get(run.participantId) ?? run.participantId,
      language: run.language,
      verdict: run.result.verdict,
      tests: run.result.tests ? { passed: run.result.tests.filter((t) => t.passed).length, total: run.result.tests.length } : undefined,
      stdout: run.result.stdout.slice(0, 500),
      stderr: run.result.stderr.slice(0, 500),
    })),
    transcript: transcript.map((s) => ({ at: s.at, speaker: names.get(s.participantId) ?? s.participantId, text: s.text })),
    interviewerNotes: notes ?? '',
  };
}

const draftContext = (sessionId: string) => ({ table: 'assistant_drafts', column: 'output', sessionId, row: sessionId });
