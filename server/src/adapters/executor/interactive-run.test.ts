import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LocalExecutor } from './local-executor.js';
import { assertHealthy, createTestExecutor } from '../../testing/executor.js';
import type { InteractiveControl, InteractiveRequest, InteractiveResult, OutputStream } from './types.js';

/** An interactive run under test: its output so far, a way to wait for some, and its end. */
function start(executor: LocalExecutor, request: Partial<InteractiveRequest> & Pick<InteractiveRequest, 'language' | 'code'>) {
  let output = '';
  const streams: Record<OutputStream, string> = { stdout: '', stderr: '' };
  const waiters: { text: string; resolve(): void }[] = [];
  let resolveControl!: (control: InteractiveControl) => void;
  const control = new Promise<InteractiveControl>((resolve) => (resolveControl = resolve));
  const done: Promise<InteractiveResult> = executor.interactive!(
    { mode: 'program', idleMs: 20_000, maxMs: 30_000, ...request },
    {
      onStart: resolveControl,
      onOutput(stream, chunk) {
        output += chunk;
        streams[stream] += chunk;
        for (const waiter of waiters.filter((w) => output.includes(w.text))) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      },
    },
  );
  return {
    control,
    done,
    streams,
    output: () => output,
    /** Resolves once `text` has been output (or rejects when the run ends first). */
    waitFor: (text: string) =>
      Promise.race([
        new Promise<void>((resolve) => (output.includes(text) ? resolve() : waiters.push({ text, resolve }))),
        done.then((result) => assert.fail(`ended (${result.reason}) before "${text}"; output: ${output}`)),
      ]),
  };
}

describe('interactive runs (local sandbox)', () => {
  let executor: LocalExecutor;
  let workRoot: string;
  let dispose: () => Promise<void>;

  before(async () => {
    ({ executor, workRoot, dispose } = await createTestExecutor({ languages: ['python', 'javascript', 'c'], warmPool: false }));
  });
  after(() => dispose());

  it('feeds a Python program its input while it runs, line by line', async () => {
    const run = start(executor, { language: 'python', code: 'a = int(input("a? "))\nb = int(input("b? "))\nprint("sum", a + b)' });
    const control = await run.control;
    await run.waitFor('a? ');
    control.write('2\n');
    await run.waitFor('b? ');
    control.write('40\n');
    const result = await run.done;
    assert.equal(result.reason, 'exit');
    assert.equal(result.exitCode, 0);
    assert.match(run.streams.stdout, /sum 42/);
  });

  it('Ctrl+C interrupts a running loop; Ctrl+D ends a REPL', async () => {
    const loop = start(executor, { language: 'python', code: 'print("looping", flush=True)\nwhile True:\n    pass' });
    await loop.waitFor('looping');
    assert.equal((await loop.control).interrupt(), true);
    const interrupted = await loop.done;
    assert.match(loop.streams.stderr, /KeyboardInterrupt/);
    assert.notEqual(interrupted.reason, 'cpu', 'interrupted long before the CPU limit');
    assert.ok(interrupted.wallMs < 4_000);

    const repl = start(executor, { language: 'python', mode: 'repl', code: '' });
    const control = await repl.control;
    control.write('6 * 7\n');
    await repl.waitFor('42');
    control.closeInput();
    const ended = await repl.done;
    assert.equal(ended.reason, 'exit');
    assert.equal(ended.exitCode, 0);
  });

  it('the JavaScript REPL evaluates what is typed; the terminal size arrives as COLUMNS and LINES', async () => {
    const repl = start(executor, { language: 'javascript', mode: 'repl', code: '', size: { cols: 93, rows: 27 } });
    const control = await repl.control;
    control.write('[process.env.COLUMNS, process.env.LINES].join("x")\n');
    await repl.waitFor("'93x27'");
    control.closeInput();
    assert.equal((await repl.done).reason, 'exit');
  });

  it('ends an abandoned run after its idle time, and a busy one at its total budget', async () => {
    const idle = start(executor, { language: 'python', code: 'input()', idleMs: 300 });
    assert.equal((await idle.done).reason, 'idle');

    const chatty = start(executor, { language: 'python', code: 'import time\nwhile True:\n    print("tick", flush=True)\n    time.sleep(0.05)', idleMs: 400, maxMs: 900 });
    const result = await chatty.done;
    assert.equal(result.reason, 'total');
    assert.match(chatty.streams.stdout, /tick/);
    await assertHealthy(executor, workRoot);
  });

  it('shows the compiler output of a compiled program before running it', async () => {
    const broken = start(executor, { language: 'c', code: 'int main(void) { return nope; }' });
    assert.equal((await broken.done).reason, 'compile_error');
    assert.match(broken.streams.stderr, /nope/);

    const echo = start(executor, {
      language: 'c',
      code: '#include <stdio.h>\nint main(void) { char line[64]; while (fgets(line, sizeof line, stdin)) { printf("got %s", line); fflush(stdout); } return 0; }',
    });
    const control = await echo.control;
    control.write('one\n');
    await echo.waitFor('got one');
    control.closeInput();
    assert.equal((await echo.done).reason, 'exit');
  });
});
