import { z } from 'zod';
import { CONSOLE_END_REASONS } from '@interview-kit/core/console/protocol';
import {
  RUN_VERDICTS,
  type LanguagesResponse as LanguagesWire,
  type RunList as RunListWire,
  type RunTestView as RunTestWire,
  type RunView as RunViewWire,
} from '@interview-kit/core/runs';

/** Run and language schemas: they validate input and document the runs API. */

export const Verdict = z.enum(RUN_VERDICTS).meta({
  id: 'Verdict',
  description:
    'How a run ended: ok, compile_error, runtime_error (non-zero exit or a signal), time_limit (CPU or wall clock), ' +
    'memory_limit, output_limit (output beyond the cap; the prefix is kept), internal_error (the executor failed)',
});

const limitFields = {
  cpuMs: 'CPU time of each process, ms',
  wallMs: 'Wall-clock time before the run is killed, ms',
  memoryKb: 'Memory (address space, or heap for Node and the JVM), KiB',
  processes: 'Processes and threads at once',
  fileSizeKb: 'Largest file the program may write, KiB',
  outputBytes: 'Bytes kept of stdout and of stderr each',
} as const;
type LimitName = keyof typeof limitFields;

const limitsShape = <T extends z.ZodType>(field: () => T) =>
  Object.fromEntries(Object.entries(limitFields).map(([name, description]) => [name, field().describe(description)])) as Record<LimitName, T>;

export const RunLimits = z.object(limitsShape(() => z.int().nonnegative())).meta({ id: 'RunLimits' });

export const RequestedRunLimits = z
  .strictObject(limitsShape(() => z.number().optional()))
  .meta({
    id: 'RequestedRunLimits',
    description: 'Limits the client would like; each is clamped into the server policy (see GET /v1/languages), never trusted',
  });

export const CreateRunRequest = z
  .strictObject({
    language: z
      .string()
      .min(1)
      .max(32)
      .regex(/^[a-z0-9+#-]+$/, 'a lower-case language id from GET /v1/languages, such as "python"'),
    code: z
      .string()
      .max(128 * 1024)
      .optional()
      .describe("The program; with `files`, the entry file's content (optional then: the entry among `files` is what runs)"),
    files: z
      .array(
        z.strictObject({
          path: z.string().max(256).describe('Relative, "/"-separated path: letters, digits, ".", "_" and "-", no part starting with "." or "-", at most 4 levels and 120 characters'),
          content: z.string().max(128 * 1024),
        }),
      )
      .max(1000)
      .optional()
      .describe(
        'A project of several files, the entry included: each is written at its path and `entry` runs (Python, JavaScript, ' +
          'TypeScript: the entry file; Java: every .java compiled, the entry\'s class started; C and C++: every .c or .cpp compiled ' +
          'into one program; Go: the package of the entry\'s directory). At most RUN_MAX_FILES files (default 20) and 128 KiB ' +
          'together; an invalid or repeated path, or an entry missing from the files, is refused with 400 naming the field',
      ),
    entry: z
      .string()
      .max(256)
      .optional()
      .describe('The path among `files` to run; default the language\'s entry (main.py, main.js, main.ts, Main.java, main.c, main.cpp, main.go, main.rb, main.sh)'),
    stdin: z.string().max(64 * 1024).default('').describe('Input of the main execution'),
    tests: z
      .union([z.array(z.int().min(0).max(99)).max(100), z.literal('all')])
      .optional()
      .describe(
        "Which of the session question's test cases to run after the main execution, by index, or \"all\". " +
          'Candidates name visible tests only (a hidden index is refused with 400): hidden tests run only with "all", ' +
          'after the answer, and candidates see only their count, from hiddenTests.revealAt',
      ),
    limits: RequestedRunLimits.optional(),
  })
  .refine((request) => request.code !== undefined || request.files !== undefined, { path: ['code'], message: 'code (or files) is required' })
  .meta({ id: 'CreateRunRequest' });

export const RunTestResult = z
  .object({
    index: z.int().describe('Position of the test case in the session question'),
    hidden: z.boolean(),
    passed: z.boolean().describe('Verdict ok and stdout equal to the expected output, ignoring trailing whitespace'),
    verdict: Verdict,
    stdin: z.string().optional(),
    expected: z.string().optional(),
    stdout: z.string().optional(),
    stderr: z.string().optional(),
    exitCode: z.int().nullable(),
    cpuMs: z.number(),
    wallMs: z.number(),
    notRun: z
      .boolean()
      .optional()
      .describe('The request budget (RUN_REQUEST_BUDGET_MS) ran out before this test could run: failed, verdict time_limit, no output'),
  })
  .meta({ id: 'RunTestResult', description: 'Candidates never receive hidden test cases, only hiddenSummary' });

export const HiddenSummary = z
  .object({ passed: z.int(), total: z.int() })
  .meta({ id: 'HiddenSummary', description: 'Hidden test results as a count' });

export const HiddenTestsState = z
  .object({
    status: z.enum(['pending', 'done']),
    total: z.int().describe('Hidden tests the run includes'),
    revealAt: z.iso.datetime().describe('From this time (fixed at admission) candidates and observers see status done and hiddenSummary'),
  })
  .meta({
    id: 'HiddenTestsState',
    description:
      'Hidden tests run after the answer. Interviewers and the host see them (and done) as soon as they finish; ' +
      'candidates and observers see pending until revealAt, then done with hiddenSummary',
  });

export const ConsoleParticipant = z.object({ id: z.string(), name: z.string() }).meta({ id: 'ConsoleParticipant' });

export const InteractiveRunInfo = z
  .object({
    mode: z.enum(['program', 'repl']),
    reason: z.enum(CONSOLE_END_REASONS).describe('exit: the program ended; idle, total, cpu, memory, output: a limit ended it; stopped: the server stopped it'),
    transcript: z.array(
      z.object({
        stream: z.enum(['stdout', 'stderr', 'stdin']),
        data: z.string(),
        at: z.number().describe('Milliseconds since the run started'),
        by: ConsoleParticipant.optional().describe('Who typed it (stdin only)'),
      }),
    ),
    transcriptTruncated: z.boolean().describe('The transcript was cut at 64 KiB'),
  })
  .meta({
    id: 'InteractiveRunInfo',
    description: 'A run of the interactive console (kind interactive): stdout holds the whole transcript as the terminal showed it',
  });

export const RunResult = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    participantId: z.string().describe('Who ran it'),
    language: z.string(),
    stdin: z.string().describe('The standard input the main execution read'),
    createdAt: z.iso.datetime(),
    question: z.int().optional().describe("Position in the session's plan of the question whose tests it ran"),
    verdict: Verdict,
    stdout: z.string(),
    stderr: z.string(),
    exitCode: z.int().nullable(),
    signal: z.string().nullable().describe('Signal that ended the program, e.g. SIGKILL'),
    cpuMs: z.number(),
    wallMs: z.number(),
    memoryKb: z.number().describe('Peak resident memory'),
    truncated: z.boolean().describe('stdout or stderr was cut at limits.outputBytes'),
    compileOutput: z.string().optional(),
    limits: RunLimits.describe('The limits the run had, after clamping'),
    tests: z.array(RunTestResult).optional(),
    hiddenSummary: HiddenSummary.optional(),
    hiddenTests: HiddenTestsState.optional(),
    interactive: InteractiveRunInfo.optional(),
  })
  .meta({ id: 'RunResult' });

export const RunList = z.object({ runs: z.array(RunResult) }).meta({ id: 'RunList' });

export const Language = z
  .object({ id: z.string(), name: z.string(), version: z.string(), compiled: z.boolean() })
  .meta({ id: 'Language' });

export const LanguagesResponse = z
  .object({
    available: z.boolean().describe('false when this server cannot run code; reason says why and how to fix it'),
    reason: z.string().optional(),
    languages: z.array(Language),
    limits: z.object({ default: RunLimits, max: RunLimits }),
  })
  .meta({ id: 'LanguagesResponse' });

const streamEvent = <E extends string, D extends z.ZodType>(event: E, data: D) => z.object({ event: z.literal(event), data });

export const RunStreamEvent = z
  .discriminatedUnion('event', [
    streamEvent('start', z.object({ id: z.string() })),
    streamEvent('output', z.object({ stream: z.enum(['stdout', 'stderr']), chunk: z.string() })),
    streamEvent('test', RunTestResult),
    streamEvent('result', RunResult),
    streamEvent(
      'error',
      z.object({ type: z.string(), title: z.string(), status: z.int(), detail: z.string().optional() }),
    ),
  ])
  .meta({
    id: 'RunStreamEvent',
    description:
      'One server-sent event of POST /v1/runs with Accept: text/event-stream (`event:` line = event, `data:` line = JSON data): ' +
      '`start` once the run leaves the queue, `output` per piece of the main execution\'s output, `test` per finished test case ' +
      'the caller may see, then `result` or `error`. A candidate\'s stream ends after the visible tests (hidden ones pending); ' +
      'an interviewer\'s carries the hidden tests\' `test` events before its `result`',
  });

// The wire types in @interview-kit/core and these schemas must describe the same JSON.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const wireChecks: [
  Same<z.output<typeof RunResult>, RunViewWire>,
  Same<z.output<typeof RunTestResult>, RunTestWire>,
  Same<z.output<typeof LanguagesResponse>, LanguagesWire>,
  Same<z.output<typeof RunList>, RunListWire>,
] = [true, true, true, true];
void wireChecks;
