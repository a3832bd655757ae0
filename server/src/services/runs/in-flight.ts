import { HttpProblem, PROBLEM_TYPES } from '../../problem.js';

/** Runs a participant may have in progress at once. */
export const RUNS_PER_PARTICIPANT = 1;
/** Runs a session may have in progress at once, whoever started them. */
export const RUNS_PER_SESSION = 2;

/**
 * Runs in progress, counted per participant and per session, and each participant's hidden tests
 * still pending. A run in progress is its main execution and visible tests; its hidden tests
 * hold a separate place, one per participant, until the time their holder gave (for a candidate,
 * the fixed reveal time, so that when the place frees says nothing about the hidden tests).
 */
export class RunsInFlight {
  private readonly byParticipant = new Map<string, number>();
  private readonly bySession = new Map<string, number>();
  /** Participants whose hidden tests are pending, with when their place frees at the latest (epoch ms). */
  private readonly hiddenPending = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Takes a place for a run, or refuses it with 409 `run in progress`: when the participant already
   * has one, when the session has {@link RUNS_PER_SESSION}, or when the run includes hidden tests
   * and the participant's previous hidden tests are still pending. Returns the place's release.
   */
  enter(sessionId: string, participantId: string, withHidden: boolean): () => void {
    const participant = `${sessionId}\n${participantId}`;
    if ((this.byParticipant.get(participant) ?? 0) >= RUNS_PER_PARTICIPANT) {
      throw runInProgress('you already have a run in progress; wait for its result before starting another');
    }
    if ((this.bySession.get(sessionId) ?? 0) >= RUNS_PER_SESSION) {
      throw runInProgress(`this session already has ${RUNS_PER_SESSION} runs in progress; wait for one to finish`);
    }
    const hiddenFreeAt = this.hiddenPending.get(participant);
    if (withHidden && hiddenFreeAt !== undefined) {
      throw runInProgress(
        'the hidden tests of your previous run are still pending; run the visible tests meanwhile, or retry after the Retry-After delay',
        Math.max(1, Math.ceil((hiddenFreeAt - this.now()) / 1000)),
      );
    }
    increment(this.byParticipant, participant, 1);
    increment(this.bySession, sessionId, 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      increment(this.byParticipant, participant, -1);
      increment(this.bySession, sessionId, -1);
    };
  }

  /** Marks the participant's hidden tests pending until `freed` settles (at the latest by `freeAt`, epoch ms, for Retry-After). */
  holdHidden(sessionId: string, participantId: string, freed: Promise<unknown>, freeAt: number): void {
    const participant = `${sessionId}\n${participantId}`;
    this.hiddenPending.set(participant, freeAt);
    const clear = () => this.hiddenPending.delete(participant);
    freed.then(clear, clear);
  }
}

function increment(counts: Map<string, number>, key: string, by: number): void {
  const value = (counts.get(key) ?? 0) + by;
  if (value > 0) counts.set(key, value);
  else counts.delete(key);
}

function runInProgress(detail: string, retryAfterSeconds?: number): HttpProblem {
  return new HttpProblem(409, `run in progress: ${detail}`, {
    type: PROBLEM_TYPES.conflict,
    ...(retryAfterSeconds ? { headers: { 'Retry-After': String(retryAfterSeconds) } } : {}),
  });
}
