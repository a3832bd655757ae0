import { randomInt } from 'node:crypto';
import { RUBRIC_TEMPLATE_IDS, type RubricChoice } from '@interview-kit/core/rubric';
import { HttpProblem, PROBLEM_TYPES } from '../problem.js';
import type { SessionQuestion } from '../services/session-record.js';
import { choicesOf } from './kits.js';
import type { QuestionPin } from './session-pins.js';
import type { CodingQuestion as Coding, KitContent, QuestionContent, QuestionRef } from './types.js';
import type { BankStore, StoredEntry } from './store.js';

/** What a session takes from the bank: its question now, the versions it is pinned to, and the kit's defaults. */
export interface SessionPlan {
  question: SessionQuestion;
  pins: QuestionPin[];
  rubric?: RubricChoice;
  durationMinutes?: number;
}

/** A session's questions as the host asks for them: a kit, or questions of the bank. */
export interface BankSessionRequest {
  kit?: string | undefined;
  questions?: QuestionRef[] | undefined;
  /** The coding question's language; its first starter language when absent. */
  language?: string | undefined;
}

const unprocessable = (path: string, detail: string) => new HttpProblem(422, detail, { type: PROBLEM_TYPES.validation, errors: [{ path, message: detail }] });

/**
 * Resolves a kit or a list of questions into the exact versions a new session is pinned to: a
 * question without a version gets its latest, which must be published; a kit section with
 * variants gets one at random (recorded in its pin). The session's question (for now, the first
 * coding question) carries its starter code for the chosen language, all its tests and its
 * interviewer guide; solutions never leave the bank.
 */
export class SessionPlanner {
  constructor(
    private readonly store: BankStore,
    private readonly pick: (choices: number) => number = (choices) => randomInt(choices),
  ) {}

  async plan(tenantId: string, request: BankSessionRequest): Promise<SessionPlan> {
    const wanted: { ref: QuestionRef; path: string; kit: QuestionPin['kit'] }[] = [];
    let kit: KitContent | undefined;
    if (request.kit !== undefined) {
      const entry = await this.store.get<KitContent>(tenantId, 'kit', request.kit);
      if (!entry) throw unprocessable('kit', `the bank has no kit ${request.kit}`);
      kit = entry.content;
      for (const [section, content] of kit.sections.entries()) {
        const choices = choicesOf(content);
        const variant = content.variants ? this.pick(choices.length) : null;
        for (const [q, ref] of choices[variant ?? 0]!.entries()) {
          wanted.push({ ref, path: `kit.sections.${section}.${q}`, kit: { id: entry.id, version: entry.version, section, variant } });
        }
      }
    } else {
      for (const [q, ref] of (request.questions ?? []).entries()) wanted.push({ ref, path: `questions.${q}`, kit: null });
    }
    const resolved: StoredEntry<QuestionContent>[] = [];
    for (const { ref, path } of wanted) resolved.push(await this.#published(tenantId, ref, path));
    const current = resolved.findIndex((entry) => entry.content.type === 'coding');
    if (current < 0) throw unprocessable(request.kit !== undefined ? 'kit' : 'questions', 'a session needs a coding question to show; none was given');
    const coding = resolved[current]!.content as Coding;
    const language = request.language ?? Object.keys(coding.starterCode)[0]!;
    const languages = languagesOf(coding);
    if (!languages.includes(language)) throw unprocessable('language', `the question "${coding.title}" has no ${language}; it has ${languages.join(', ')}`);
    const rubric = kit?.rubric ?? (RUBRIC_TEMPLATE_IDS.find((id) => id === coding.rubric) as RubricChoice | undefined);
    return {
      question: sessionQuestionOf(coding, language, current, 0),
      pins: resolved.map((entry, i) => ({ questionId: entry.id, version: entry.version, current: i === current, reached: i === current, kit: wanted[i]!.kit })),
      ...(rubric !== undefined ? { rubric } : {}),
      ...(kit ? { durationMinutes: kit.durationMinutes } : {}),
    };
  }

  /** The question at the version `ref` names (else its latest), refused unless it is published. */
  async #published(tenantId: string, ref: QuestionRef, path: string): Promise<StoredEntry<QuestionContent>> {
    const entry = await this.store.get<QuestionContent>(tenantId, 'question', ref.id, ref.version);
    if (!entry) throw unprocessable(path, `the bank has no question ${ref.id}${ref.version ? ` version ${ref.version}` : ''}`);
    if (entry.status !== 'published' || entry.publishedAt === null) {
      throw unprocessable(path, `question ${ref.id} is ${entry.publishedAt === null ? 'a draft' : entry.status}; only published questions go into new sessions`);
    }
    return entry;
  }
}

/** The languages a coding question offers: those with starter code or a reference solution. */
function languagesOf(coding: Coding): string[] {
  return Object.keys({ ...coding.starterCode, ...coding.solutions });
}

/**
 * A coding question of the bank as a session holds it: its starter code (and starter file tree)
 * in `language` (when the question lacks it, its first starter language), every test and the
 * guide; never its solutions.
 */
export function sessionQuestionOf(coding: Coding, language: string, index: number, slot: number): SessionQuestion {
  const chosen = languagesOf(coding).includes(language) ? language : Object.keys(coding.starterCode)[0]!;
  return {
    prompt: coding.prompt,
    language: chosen,
    starterCode: coding.starterCode[chosen as keyof Coding['starterCode']] ?? '',
    ...(coding.starterFiles?.[chosen as keyof Coding['starterCode']] ? { starterFiles: coding.starterFiles[chosen as keyof Coding['starterCode']] } : {}),
    tests: coding.tests,
    guide: coding.guide,
    index,
    slot,
  };
}
