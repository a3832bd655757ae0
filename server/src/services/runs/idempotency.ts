import { createHash } from 'node:crypto';
import type { RunRequest } from '@interview-kit/core/runs';
import { HttpProblem, PROBLEM_TYPES, badRequest } from '../../problem.js';
import type { RunStore, StoredRun } from './store.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** Refuses an `Idempotency-Key` header that is not 1 to 255 visible ASCII characters (400). */
export function checkIdempotencyKey(key: string): void {
  if (!IDEMPOTENCY_KEY.test(key)) throw badRequest('the Idempotency-Key header must be 1 to 255 visible ASCII characters');
}

/**
 * Idempotent run requests: one run per (session, participant, `Idempotency-Key`). A retry gets the
 * stored run or joins the one in progress; a different request under the same key is refused
 * with 422.
 */
export class IdempotentRuns {
  /** Idempotent runs in progress, by session, participant and key. */
  private readonly inFlight = new Map<string, { hash: string; done: Promise<StoredRun> }>();

  constructor(private readonly store: RunStore) {}

  /** Checks the key's form and digests the request, before anything runs. */
  prepare(key: string, request: RunRequest & { stdin: string }): string {
    checkIdempotencyKey(key);
    return requestHash(request);
  }

  /** Runs `start` once per (session, participant, key) and request `hash`. */
  async once(
    sessionId: string,
    participantId: string,
    key: string,
    hash: string,
    start: () => Promise<StoredRun>,
  ): Promise<{ run: StoredRun; replayed: boolean }> {
    const slot = `${sessionId}\n${participantId}\n${key}`;
    const join = async (entry: { hash: string; done: Promise<StoredRun> }) => {
      if (entry.hash !== hash) throw idempotencyMismatch();
      return { run: await entry.done, replayed: true };
    };
    const running = this.inFlight.get(slot);
    if (running) return join(running);
    const stored = await this.store.findByKey(sessionId, participantId, key);
    if (stored) {
      if (stored.requestHash !== hash) throw idempotencyMismatch();
      return { run: stored.run, replayed: true };
    }
    // Checked again after the query: a twin request may have started meanwhile. From here to
    // set() nothing awaits, so exactly one of them starts the run.
    const started = this.inFlight.get(slot);
    if (started) return join(started);
    const done = start();
    this.inFlight.set(slot, { hash, done });
    try {
      return { run: await done, replayed: false };
    } finally {
      this.inFlight.delete(slot);
    }
  }
}

const idempotencyMismatch = () =>
  new HttpProblem(422, 'this Idempotency-Key was already used for a different run request; use a new key', {
    type: PROBLEM_TYPES.conflict,
  });

/** A stable digest of what a request asks for (after defaults), for idempotent retries. */
function requestHash(request: RunRequest & { stdin: string }): string {
  const limits = request.limits ? Object.fromEntries(Object.entries(request.limits).sort(([a], [b]) => a.localeCompare(b))) : null;
  // A project's files and entry count too; a single-file request hashes as it always did.
  const project = request.files ? [request.files.map((file) => [file.path, file.content]), request.entry ?? null] : [];
  const canonical = JSON.stringify([request.language, request.code, request.stdin, request.tests ?? null, limits, ...project]);
  return createHash('sha256').update(canonical).digest('hex');
}
