/**
 * Measures what the sandbox costs: a Python hello world spawned bare (`/usr/bin/python3 -c
 * 'print(1)'`) against the same program through the local executor (work directory, uid,
 * prlimit, bubblewrap, sampling, cleanup). Prints p50/p99 of each; asserts nothing.
 *
 *   npx tsx server/src/adapters/executor/measure.ts [runs]
 */
import { spawn } from 'node:child_process';
import { createLocalExecutor } from './local-executor.js';

const runs = Number(process.argv[2] ?? 30);
const WARM_UP = 3;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timed(label: string, once: () => Promise<void>): Promise<void> {
  for (let i = 0; i < WARM_UP; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await once();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const format = (ms: number) => `${ms.toFixed(1)} ms`.padStart(9);
  console.log(`${label.padEnd(34)} p50 ${format(percentile(times, 50))}   p99 ${format(percentile(times, 99))}   (${runs} runs)`);
}

function bare(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', ['-c', 'print(1)'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    child.on('error', reject);
    child.on('close', () => (out === '1\n' ? resolve() : reject(new Error(`unexpected output ${out}`))));
  });
}

const executor = await createLocalExecutor({ languages: ['python'] });
if (!executor.available) {
  console.error(executor.unavailableReason);
  process.exit(1);
}
await executor.languages();

await timed('python print(1), bare spawn', bare);
await timed('python print(1), local executor', async () => {
  const result = await executor.run({ language: 'python', code: 'print(1)', stdin: '' });
  if (result.verdict !== 'ok' || result.stdout !== '1\n') throw new Error(JSON.stringify(result));
});
