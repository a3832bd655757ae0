// A request's executions (main run, visible tests, hidden tests) against the real sandbox: a
// compiled program is compiled once per request, whatever the number of tests.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LocalExecutor } from '../../adapters/executor/local-executor.js';
import { DEFAULT_LIMITS } from '../../adapters/executor/types.js';
import { sampleSession } from '../../testing/harness.js';
import { createTestExecutor } from '../../testing/executor.js';
import { execute, executeTests, type Execution, type RunSlots } from './execution.js';
import { RunQueue } from './queue.js';

/** Prints twice the number it reads. */
const DOUBLER: Record<string, string> = {
  cpp: '#include <iostream>\nint main() { long n = 0; std::cin >> n; std::cout << 2 * n << "\\n"; }\n',
  java:
    'import java.util.Scanner;\npublic class Main {\n  public static void main(String[] args) {\n' +
    '    long n = new Scanner(System.in).nextLong();\n    System.out.println(2 * n);\n  }\n}\n',
};

/** Five visible tests and one hidden one. */
const question = {
  ...sampleSession().question,
  tests: [1, 2, 3, 4, 5, 6].map((n) => ({ stdin: `${n}\n`, expected: `${2 * n}\n`, hidden: n === 6 })),
};

describe('a request\'s executions', () => {
  let executor: LocalExecutor;
  let dispose: () => Promise<void>;
  let installed: string[];
  let slots: RunSlots;

  before(async () => {
    ({ executor, dispose } = await createTestExecutor());
    installed = (await executor.languages()).map((language) => language.id);
    slots = { executor, queue: new RunQueue({ concurrency: 2 }), owner: { tenant: 't', session: 's' }, deadline: performance.now() + 600_000 };
  });
  after(() => dispose());

  /** One request as the runs service makes it: main run and visible tests, then the hidden tests in the background. */
  async function request(language: string, code: string, project?: Execution['project']) {
    const execution: Execution = {
      id: 'run',
      language,
      code,
      ...(project ? { project } : {}),
      stdin: '7\n',
      limits: { ...DEFAULT_LIMITS },
      question,
      tests: { visible: [0, 1, 2, 3, 4], hidden: [5] },
    };
    const signal = new AbortController().signal;
    const before = executor.compiles;
    const result = await execute(slots, execution, { signal });
    const hidden = await executeTests(slots, execution, result, execution.tests!.hidden, { signal, background: true });
    return { result, hidden, compiles: executor.compiles - before };
  }

  for (const language of ['cpp', 'java']) {
    it(`${language}: the main run and six tests compile the program once; the same code again compiles nothing`, async (t) => {
      if (!installed.includes(language)) return t.skip(`${language} is not installed here`);
      const code = `${DOUBLER[language]}// ${language} ${Date.now()}\n`;
      const first = await request(language, code);
      assert.equal(first.result.verdict, 'ok', JSON.stringify(first.result));
      assert.equal(first.result.stdout, '14\n');
      assert.deepEqual(first.result.tests!.map((test) => test.passed), [true, true, true, true, true]);
      assert.deepEqual(first.hidden.map((test) => test.passed), [true]);
      assert.equal(first.compiles, 1, 'one compile for seven executions');

      const again = await request(language, code);
      assert.deepEqual(again.result.tests!.map((test) => test.passed), [true, true, true, true, true]);
      assert.equal(again.compiles, 0, 'the same code sent again reuses the compiled program');

      const edited = await request(language, `${code}// edited\n`);
      assert.equal(edited.result.stdout, '14\n');
      assert.equal(edited.compiles, 1, 'changed code is compiled again, once');
    });
  }

  it('cpp project: main.cpp, util.cpp and util.h compile into one program once for seven executions; an edited header compiles again', async (t) => {
    if (!installed.includes('cpp')) return t.skip('g++ is not installed here');
    const main = `#include <iostream>\n#include "util.h"\nint main() { long n = 0; std::cin >> n; std::cout << twice(n) << "\\n"; }\n// ${Date.now()}\n`;
    const files = [
      { path: 'main.cpp', content: main },
      { path: 'util.cpp', content: '#include "util.h"\nlong twice(long n) { return FACTOR * n; }\n' },
      { path: 'util.h', content: '#define FACTOR 2\nlong twice(long n);\n' },
    ];
    const first = await request('cpp', main, { files, entry: 'main.cpp' });
    assert.equal(first.result.verdict, 'ok', JSON.stringify(first.result));
    assert.equal(first.result.stdout, '14\n');
    assert.deepEqual([...first.result.tests!, ...first.hidden].map((test) => test.passed), [true, true, true, true, true, true]);
    assert.equal(first.compiles, 1, 'one compile for seven executions of a three-file project');

    const again = await request('cpp', main, { files: files.map((file) => ({ ...file })), entry: 'main.cpp' });
    assert.equal(again.compiles, 0, 'the same files sent again reuse the compiled program');

    const tripled = files.map((file) => (file.path === 'util.h' ? { ...file, content: '#define FACTOR 3\nlong twice(long n);\n' } : file));
    const edited = await request('cpp', main, { files: tripled, entry: 'main.cpp' });
    assert.equal(edited.result.stdout, '21\n', 'the edited header is what the program was built from');
    assert.equal(edited.compiles, 1, 'a changed header, though not compiled by itself, makes a new program');
  });

  it('a program that does not compile: compiled once, every test reports the compile error; an error is never reused', async (t) => {
    if (!installed.includes('cpp')) return t.skip('g++ is not installed here');
    const code = `int main() { return missing_name; }\n// ${Date.now()}\n`;
    const first = await request('cpp', code);
    assert.equal(first.result.verdict, 'compile_error');
    assert.match(first.result.compileOutput ?? '', /missing_name/);
    assert.deepEqual([...first.result.tests!, ...first.hidden].map((test) => test.verdict), Array(6).fill('compile_error'));
    assert.equal(first.compiles, 1);
    const again = await request('cpp', code);
    assert.equal(again.result.verdict, 'compile_error');
    assert.equal(again.compiles, 1, 'a failed compile is not cached');
  });
});
