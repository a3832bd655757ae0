import type { Response } from 'express';
import type { RunStreamEvent } from '@interview-kit/core/runs';
import { type Api, problemResponse } from '../api.js';
import type { AppContext } from '../context.js';
import { callerOf } from '../middleware/auth.js';
import { HttpProblem, PROBLEM_TYPES, forbidden } from '../problem.js';
import * as S from '../schemas/common.js';
import * as R from '../schemas/runs.js';
import { seesHiddenTests, type RunProgress } from '../services/runs/index.js';

const problem = problemResponse;

/** Code runs and the language list. */
export function registerRunRoutes(api: Api, ctx: AppContext): void {
  const { runs } = ctx;

  api.route(
    {
      method: 'get',
      path: '/v1/languages',
      summary: 'Languages this server runs, with versions, and the run limits; available=false with the fix when it cannot run code',
      tags: ['runs'],
      security: [],
      responses: { 200: { description: 'Languages and limits', schema: R.LanguagesResponse } },
    },
    async (_req, res) => {
      res.json(await runs.languages());
    },
  );

  api.route(
    {
      method: 'post',
      path: '/v1/runs',
      summary:
        "Run code in the sandbox: once on stdin, then on each selected test case of the session's question " +
        '(a single program in `code`, or a project of several `files` and its `entry`) ' +
        '(candidates and interviewers; the session is the token\'s). Send `Accept: text/event-stream` to receive ' +
        'RunStreamEvent server-sent events (start, output, test, result or error) while it runs. An ' +
        '`Idempotency-Key` header makes retries return the first run. Hidden tests (candidates: only with tests "all") ' +
        'run after the main execution and visible tests without delaying a candidate\'s answer; an interviewer\'s answer ' +
        'includes them. Executions that cannot start within RUN_REQUEST_BUDGET_MS are reported as not run.',
      tags: ['runs'],
      security: ['participantToken'],
      roles: ['candidate', 'interviewer'],
      headers: ['Idempotency-Key'],
      body: R.CreateRunRequest,
      bodyExample: { language: 'python', code: 'a, b = map(int, input().split())\nprint(a + b)\n', stdin: '1 2\n', tests: 'all' },
      responses: {
        200: {
          headers: ['Idempotent-Replayed'],
          alternatives: {
            'text/event-stream': {
              schema: R.RunStreamEvent,
              // One event; on the wire each is an `event:` line and a `data:` line of JSON, e.g.
              // `event: output` / `data: {"stream":"stdout","chunk":"3\n"}`.
              example: { event: 'output', data: { stream: 'stdout', chunk: '3\n' } },
            },
          },
          description:
            'The finished run (hidden tests for interviewers only; candidates get hiddenTests pending, and later, from ' +
            'hiddenTests.revealAt, hiddenSummary in GET /v1/sessions/{id}/runs). With Accept: ' +
            'text/event-stream, a text/event-stream of RunStreamEvent instead, ending with its `result` event. ' +
            'A replayed idempotent run carries `Idempotent-Replayed: true`.',
          schema: R.RunResult,
        },
        400: problem(
          'Invalid input, an unknown language, a test index out of range, a candidate naming a hidden test, or a project whose ' +
            'path is invalid or repeated, whose entry is not among its files, or with more than RUN_MAX_FILES files (errors names the field)',
        ),
        401: problem('Missing or invalid participant token'),
        403: problem('Observers cannot run code'),
        409: problem(
          'The session has ended, or `run in progress`: the participant already has a run in progress, the session has two, ' +
            "or the run includes hidden tests while the participant's previous ones are pending (see Retry-After)",
        ),
        422: problem('The Idempotency-Key was used for a different request'),
        429: problem('The run queue is full, the run could not start within its budget, or the session ran too much code lately; see Retry-After'),
        501: problem('This server\'s executor (Judge0) runs single programs only, not projects of several files'),
        503: problem('Code execution is unavailable on this server; the detail says how to fix it'),
      },
    },
    async (req, res, { body }) => {
      const received = performance.now();
      const caller = callerOf(res);
      if (caller.kind !== 'participant') throw forbidden('runs are started by participants');
      const session = await ctx.sessions.forCaller(caller.claims.sid, caller);
      const seesHidden = seesHiddenTests(caller.claims.role);

      const abort = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) abort.abort(new Error('the client went away'));
      });
      const stream = req.accepts(['application/json', 'text/event-stream']) === 'text/event-stream' ? new EventStream(res) : undefined;
      const timing = { admitted: 0, started: 0, sandboxMs: -1, warm: false };
      const progress: RunProgress = {
        start: (id) => {
          timing.started = performance.now();
          stream?.send({ event: 'start', data: { id } });
        },
        sandbox: (sandboxMs, warm) => Object.assign(timing, { sandboxMs, warm }),
        ...(stream && {
          output: (outputStream, chunk) => stream.send({ event: 'output', data: { stream: outputStream, chunk } }),
          test: (test) => {
            if (seesHidden || !test.hidden) stream.send({ event: 'test', data: test });
          },
        }),
      };

      try {
        timing.admitted = performance.now();
        const { run, replayed } = await runs.run(session, caller.claims, body, {
          idempotencyKey: req.get('idempotency-key'),
          signal: abort.signal,
          progress,
        });
        const view = runs.view(run, seesHidden);
        if (replayed) res.set('Idempotent-Replayed', 'true');
        else if (!stream && timing.started > 0 && timing.sandboxMs >= 0) res.set('Server-Timing', serverTiming(received, timing, view.wallMs));
        if (stream) {
          if (replayed) stream.send({ event: 'start', data: { id: run.id } });
          stream.send({ event: 'result', data: view });
          stream.end();
        } else {
          res.json(view);
        }
      } catch (error) {
        if (abort.signal.aborted) return; // Nobody is listening any more; the run was killed.
        if (!stream?.opened) throw error;
        if (!(error instanceof HttpProblem)) ctx.logger.error('run failed', { reqId: res.locals.requestId, error });
        const failure =
          error instanceof HttpProblem
            ? error
            : new HttpProblem(500, `the run failed unexpectedly; quote request id ${res.locals.requestId} when reporting it`, {
                type: PROBLEM_TYPES.internal,
              });
        const { type, title, status, detail } = failure.toJSON();
        stream.send({ event: 'error', data: { type, title, status, ...(detail ? { detail } : {}) } });
        stream.end();
      }
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/sessions/:id/runs',
      summary:
        "The session's runs, oldest first (hidden tests for hosts and interviewers only; candidates and observers get " +
        'the count of passed hidden tests from each run\'s hiddenTests.revealAt)',
      tags: ['runs'],
      security: ['apiKey', 'participantToken'],
      params: S.SessionIdParams,
      responses: {
        200: { description: 'Runs', schema: R.RunList },
        401: problem('Missing or invalid credentials'),
        404: problem('No such session'),
        429: problem('Rate limited'),
      },
    },
    async (_req, res, { params }) => {
      const caller = callerOf(res);
      const session = await ctx.sessions.forCaller(params.id, caller);
      const seesHidden = caller.kind === 'host' || seesHiddenTests(caller.claims.role);
      res.json({ runs: (await runs.list(session.id)).map((run) => runs.view(run, seesHidden)) });
    },
  );
}

/** A server-sent event stream, opened with its first event so that errors before it stay plain problem responses. */
class EventStream {
  opened = false;

  constructor(private readonly res: Response) {}

  send(event: RunStreamEvent): void {
    if (this.res.writableEnded || this.res.destroyed) return;
    if (!this.opened) {
      this.opened = true;
      this.res.status(200).set({
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        'X-Accel-Buffering': 'no',
      });
      this.res.flushHeaders();
    }
    this.res.write(`event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
  }

  end(): void {
    if (!this.res.writableEnded) this.res.end();
  }
}

/**
 * The main execution's costs (docs/benchmarks.md): `admission` (session, role, limits, run record)
 * and `queue` (waiting for a slot) up to its start, `sandbox` (work directory and files; `warm`
 * when a sandbox made ahead of time was handed over, `cold` when one is spawned for the run, whose
 * creation then counts in the program's time), `program` (its wall time, the result's `wallMs`), and
 * `total` in this handler. What a client measures beyond `total` is HTTP, authentication and
 * loopback.
 */
function serverTiming(received: number, timing: { admitted: number; started: number; sandboxMs: number; warm: boolean }, programMs: number): string {
  const ms = (value: number) => Math.max(0, value).toFixed(2);
  return [
    `admission;dur=${ms(timing.admitted - received)}`,
    `queue;dur=${ms(timing.started - timing.admitted)}`,
    `sandbox;desc=${timing.warm ? 'warm' : 'cold'};dur=${ms(timing.sandboxMs)}`,
    `program;dur=${ms(programMs)}`,
    `total;dur=${ms(performance.now() - received)}`,
  ].join(', ');
}
