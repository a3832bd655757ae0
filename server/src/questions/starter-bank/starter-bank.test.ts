import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rubricTemplate } from '@interview-kit/core/rubric';
import type { LocalExecutor } from '../../adapters/executor/local-executor.js';
import type { RunRequest, RunResult } from '../../adapters/executor/types.js';
import { runSettingsFromEnv } from '../../config/runs.js';
import { compareOutputs } from '../../scoring/compare.js';
import { RunQueue } from '../../services/runs/queue.js';
import { createTestExecutor, describeResult } from '../../testing/executor.js';
import { loadStarterBank } from '../starter-bank.js';
import type { CodingQuestion, QuestionContent } from '../types.js';

type StructuredQuestion = Extract<QuestionContent, { type: 'structured' }>;

/**
 * The built-in starter bank: every file has the shared question shape, the bank covers the classic
 * topics and the rubric's competencies, every reference solution passes all of its question's tests
 * in the real sandbox, and every starter program runs as given (its stub returns a default).
 */

/** Every coding question offers its starter code and a reference solution in these languages. */
const REQUIRED_LANGUAGES = ['python', 'javascript', 'typescript', 'java', 'cpp'] as const;
/** Topics the bank must cover, as tags. */
const REQUIRED_TAGS = [
  'arrays',
  'strings',
  'hash-map',
  'graphs',
  'dynamic-programming',
  'intervals',
  'stack',
  'binary-search',
  'two-pointers',
  'heap',
  'data-processing',
];
const COMPETENCIES = rubricTemplate('coding-interview').competencies.map((c) => c.id);

// The server's own loader reads the bank (every file a valid question, its slug its file name).
const bank = await loadStarterBank();
const coding = bank.filter((question): question is CodingQuestion => question.type === 'coding');
const structured = bank.filter((question): question is StructuredQuestion => question.type === 'structured');

describe('starter bank: shape and coverage', () => {
  it('has at least 12 coding questions covering the classic topics, each slug used once', () => {
    assert.ok(coding.length >= 12, `${coding.length} coding questions`);
    const tags = new Set(coding.flatMap((q) => q.tags));
    assert.deepEqual(REQUIRED_TAGS.filter((tag) => !tags.has(tag)), [], 'topics without a question');
    const slugs = [...coding, ...structured].map((q) => q.slug);
    assert.equal(new Set(slugs).size, slugs.length, 'slugs are unique across the bank');
  });

  for (const question of coding) {
    it(`${question.slug}: starters and solutions in every language, 2–3 visible and 3–6 hidden tests, a worked example`, () => {
      for (const field of ['starterCode', 'solutions'] as const) {
        assert.deepEqual(REQUIRED_LANGUAGES.filter((language) => !question[field][language]), [], `${field} missing`);
      }
      const visible = question.tests.filter((test) => !test.hidden).length;
      const hidden = question.tests.length - visible;
      assert.ok(visible >= 2 && visible <= 3, `${visible} visible tests`);
      assert.ok(hidden >= 3 && hidden <= 6, `${hidden} hidden tests`);
      assert.match(question.prompt, /## Input[\s\S]*## Output[\s\S]*## Example/, 'the prompt states input, output and an example');
      assert.match(question.guide ?? '', /## Hints[\s\S]*## Follow-ups[\s\S]*## What good looks like[\s\S]*## Complexity/);
      // The example in the prompt is the first visible test, so candidates can run it as shown.
      const example = question.tests.find((test) => !test.hidden)!;
      const blocks = [...question.prompt.matchAll(/```\n([\s\S]*?)```/g)].map((match) => match[1]);
      assert.ok(blocks.includes(example.stdin), 'the example input is the first visible test');
      assert.ok(blocks.some((block) => compareOutputs(block!, example.expected, example.compare)), 'the example output is its expected output');
    });
  }

  it('has at least two structured questions for each competency of the built-in rubric', () => {
    const counts = Object.fromEntries(COMPETENCIES.map((id) => [id, structured.filter((q) => q.competency === id).length]));
    for (const id of COMPETENCIES) assert.ok(counts[id]! >= 2, `${id}: ${counts[id]} structured questions`);
  });
});

/** One sandbox run of the bank's code: what to say when it goes wrong. */
interface Check {
  label: string;
  request: RunRequest;
  /** Undefined when the run is as it should be, else what is wrong. */
  judge(result: RunResult): string | undefined;
}

/** Runs of a question's reference solutions against all of its tests. */
function solutionChecks(question: CodingQuestion): Check[] {
  return REQUIRED_LANGUAGES.flatMap((language) =>
    question.tests.map((test, index) => ({
      label: `${language} solution, test ${index}${test.hidden ? ' (hidden)' : ''}`,
      request: { language, code: question.solutions[language]!, stdin: test.stdin },
      judge: (result: RunResult) => {
        if (result.verdict !== 'ok') return `verdict ${result.verdict}: ${describeResult(result)}`;
        if (compareOutputs(result.stdout, test.expected, test.compare)) return undefined;
        return `expected ${JSON.stringify(test.expected.slice(0, 200))}, got ${JSON.stringify(result.stdout.slice(0, 200))}`;
      },
    })),
  );
}

/** Runs of a question's starter programs on its first test: they must compile and run, and may print a wrong answer. */
function starterChecks(question: CodingQuestion): Check[] {
  return REQUIRED_LANGUAGES.map((language) => ({
    label: `${language} starter`,
    request: { language, code: question.starterCode[language]!, stdin: question.tests[0]!.stdin },
    judge: (result: RunResult) => (result.verdict === 'ok' ? undefined : `verdict ${result.verdict}: ${describeResult(result)}`),
  }));
}

// Every question's runs go in at once; a queue as wide as the server's run concurrency (RUN_CONCURRENCY,
// by default this machine's CPUs) admits them fairly between languages (one queue "session" each).
describe('starter bank: reference solutions and starters in the sandbox', { concurrency: true }, () => {
  let executor: LocalExecutor;
  let dispose: () => Promise<void>;
  const queue = new RunQueue({ concurrency: runSettingsFromEnv().concurrency });
  /** Per language: sandbox runs and their summed wall time, printed at the end to show where the time goes. */
  const spent = new Map<string, { runs: number; wallMs: number }>();

  before(async () => {
    ({ executor, dispose } = await createTestExecutor());
    const installed = new Set((await executor.languages()).map((language) => language.id));
    assert.deepEqual(REQUIRED_LANGUAGES.filter((language) => !installed.has(language)), [], 'toolchains missing here');
  });
  after(async () => {
    await dispose();
    const lines = [...spent].map(([language, { runs, wallMs }]) => `${language} ${runs} runs ${(wallMs / 1000).toFixed(1)} s`);
    console.log(`sandbox wall time by language (${queue.concurrency} at once): ${lines.join(', ')}`);
  });

  const failuresOf = async (checks: Check[]): Promise<string[]> => {
    const outcomes = await Promise.all(
      checks.map(async (check) => {
        const { language } = check.request;
        const timed = async () => {
          const started = performance.now();
          const result = await executor.run(check.request);
          const total = spent.get(language) ?? { runs: 0, wallMs: 0 };
          spent.set(language, { runs: total.runs + 1, wallMs: total.wallMs + performance.now() - started });
          return result;
        };
        const result = await queue.add(timed, { owner: { tenant: 'starter-bank', session: language }, continuation: true });
        const problem = check.judge(result);
        return problem && `${check.label}: ${problem}`;
      }),
    );
    return outcomes.filter((problem): problem is string => problem !== undefined);
  };

  for (const question of coding) {
    it(`${question.slug}: every reference solution passes every test, every starter runs`, async () => {
      const failures = await failuresOf([...solutionChecks(question), ...starterChecks(question)]);
      assert.deepEqual(failures, []);
    });
  }
});
