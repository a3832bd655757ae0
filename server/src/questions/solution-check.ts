import type { ProjectFile } from '@interview-kit/core/collab/project';
import type { TestCase } from '@interview-kit/core/protocol';
import { solutionProjectOf } from './question-projects.js';
import type { RunVerdict } from '@interview-kit/core/runs';
import { UnknownLanguageError, type Executor, type RunRequest, type RunResult } from '../adapters/executor/types.js';
import { HttpProblem, PROBLEM_TYPES, tooManyRequests, unavailable } from '../problem.js';
import { compareOutputs } from '../scoring/compare.js';
import { clip } from '../scoring/score.js';
import { QueueFullError, type RunQueue } from '../services/runs/queue.js';

/** The first test a reference solution failed. */
export interface SolutionFailure {
  language: string;
  index: number;
  hidden: boolean;
  verdict: RunVerdict;
  expected: string;
  actual: string;
  stderr: string;
}

/** What checking a question's reference solutions needs: the sandbox and the shared run queue. */
export interface SolutionCheckDeps {
  executor: Promise<Executor>;
  queue: RunQueue;
}

/**
 * Runs each reference solution against every test (visible and hidden) in the sandbox, judged as
 * scoring judges the final code (with the language's starter and solution files beside it, when
 * the question has them), and resolves with the first failure, or `undefined` when all pass.
 *
 * The programs run one at a time, each as a background job of the run queue live interviews use:
 * a background job never takes the queue's last free slot and turns are shared fairly between
 * tenants, so publishing a question can never starve an interview's runs. The first program takes
 * a waiting place (a full queue refuses it with 429 and Retry-After); the rest continue it. A
 * tenant checks one question at a time (another check meanwhile is refused with 429), so that one
 * tenant's publishing cannot hold the background slots that hidden tests and scoring use.
 */
export class SolutionChecker {
  readonly #checking = new Set<string>();

  constructor(private readonly deps: SolutionCheckDeps) {}

  /**
   * @throws {HttpProblem} 422 for a language the sandbox does not offer, 429 when the queue is
   * full or the tenant is checking another question, 503 when code cannot run here.
   */
  async check(owner: { tenant: string; question: string }, question: Solved): Promise<SolutionFailure | undefined> {
    if (this.#checking.has(owner.tenant)) throw tooManyRequests('another question of this tenant is being checked; publish one at a time', 5);
    this.#checking.add(owner.tenant);
    try {
      return await checkSolutions(this.deps, owner, question);
    } finally {
      this.#checking.delete(owner.tenant);
    }
  }
}

type Files = Record<string, ProjectFile[] | undefined>;
/** The parts of a coding question its check needs. */
type Solved = { solutions: Record<string, string | undefined>; tests: TestCase[]; starterFiles?: Files | undefined; solutionFiles?: Files | undefined };

async function checkSolutions(deps: SolutionCheckDeps, owner: { tenant: string; question: string }, question: Solved): Promise<SolutionFailure | undefined> {
  const executor = await deps.executor;
  if (!executor.available) throw unavailable(`code execution is unavailable, so reference solutions cannot be checked: ${executor.unavailableReason ?? 'unknown reason'}`);
  let first = true;
  const run = async (request: RunRequest): Promise<RunResult> => {
    const continuation = !first;
    first = false;
    try {
      return await deps.queue.add(() => executor.run(request), {
        owner: { tenant: owner.tenant, session: `question:${owner.question}` },
        background: true,
        continuation,
      });
    } catch (error) {
      if (error instanceof QueueFullError) throw tooManyRequests('the sandbox is busy; check the question again later', error.retryAfterSeconds);
      if (error instanceof UnknownLanguageError) {
        throw new HttpProblem(422, `the sandbox of this server does not offer ${error.language}, so its reference solution cannot be checked`, {
          type: PROBLEM_TYPES.validation,
          errors: [{ path: `solutions.${error.language}`, message: error.message }],
        });
      }
      throw error;
    }
  };
  for (const [language, code] of Object.entries(question.solutions)) {
    if (code === undefined) continue;
    const program = solutionProjectOf(language, code, question.starterFiles?.[language], question.solutionFiles?.[language]);
    for (const [index, test] of question.tests.entries()) {
      const outcome = await run({ language, ...program, stdin: test.stdin });
      const passed = outcome.verdict === 'ok' && compareOutputs(outcome.stdout, test.expected, test.compare);
      if (!passed) {
        const actual = outcome.verdict === 'compile_error' ? (outcome.compileOutput ?? outcome.stdout) : outcome.stdout;
        return { language, index, hidden: test.hidden, verdict: outcome.verdict, expected: clip(test.expected), actual: clip(actual), stderr: clip(outcome.stderr) };
      }
    }
  }
  return undefined;
}

/**
 * The 422 refusing to publish a question whose reference solution failed: the detail names the
 * language and the test; the `failure` extension member carries them as fields.
 */
export class SolutionFailedProblem extends HttpProblem {
  constructor(readonly failure: SolutionFailure) {
    const what = `test ${failure.index}${failure.hidden ? ' (hidden)' : ''}`;
    const outcome =
      failure.verdict === 'ok'
        ? `expected ${JSON.stringify(failure.expected)}, got ${JSON.stringify(failure.actual)}`
        : `${failure.verdict}: ${JSON.stringify(failure.actual || failure.stderr)}`;
    super(422, `the ${failure.language} reference solution fails ${what}: ${outcome}`, {
      type: PROBLEM_TYPES.validation,
      errors: [{ path: `tests.${failure.index}`, message: `${failure.language}: ${outcome}` }],
    });
  }

  override toJSON(instance?: string) {
    return { ...super.toJSON(instance), failure: this.failure };
  }
}
