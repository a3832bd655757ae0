import { Store, type InterviewSession, type Readable, type RunList, type RunView } from '@interview-kit/core';

/** While a run's hidden tests are pending, how often a viewer who sees hidden tests asks again. */
export const PENDING_RECHECK_MS = 1_000;

/** How long after a run's reveal time hidden tests may still be pending (the server counts them as not run 10 s after it). */
const PENDING_GRACE_MS = 15_000;

const bySession = new WeakMap<InterviewSession, RunDetails>();

/**
 * The session's runs as this viewer may see them in full, from the runs list
 * (`GET /v1/sessions/:id/runs`): what the shared document's run records leave out — tests'
 * inputs, expected and actual outputs and times, and for interviewers and the host the hidden
 * tests (the server decides what each role gets; candidates and observers never get hidden tests'
 * details). Records never carry those details; the panel and the tests list ask here when a record
 * appears.
 *
 * One per session (`RunDetails.of(session)`), so that every element of a page shares its answers.
 * The list is fetched again when a wanted run is missing or its hidden tests are still pending;
 * one request at a time, and one more queued at most.
 */
export class RunDetails {
  readonly #store = new Store<{ runs: ReadonlyMap<string, RunView> }>({ runs: new Map() });
  readonly #session: InterviewSession;
  #loading: Promise<void> | undefined;
  #again = false;
  #recheck: ReturnType<typeof setTimeout> | undefined;

  /** The details of `session`'s runs, shared by everything on the page that shows them. */
  static of(session: InterviewSession): RunDetails {
    let details = bySession.get(session);
    if (!details) {
      details = new RunDetails(session);
      bySession.set(session, details);
    }
    return details;
  }

  private constructor(session: InterviewSession) {
    this.#session = session;
  }

  /** Runs known so far, by id, as this viewer may see them. */
  get state(): Readable<{ runs: ReadonlyMap<string, RunView> }> {
    return this.#store;
  }

  /** The run `id` as this viewer may see it, if known. */
  get(id: string): RunView | undefined {
    return this.#store.value.runs.get(id);
  }

  /**
   * Makes sure the runs with these ids are known in full: fetches the list when one of them is
   * missing, or when its hidden tests were still pending (they may be done now). Resolves once the
   * list was fetched (or nothing needed fetching); never rejects (details only decorate).
   */
  want(ids: Iterable<string>): Promise<void> {
    const runs = this.#store.value.runs;
    for (const id of ids) {
      const known = runs.get(id);
      if (!known || known.hiddenTests?.status === 'pending') return this.refresh();
    }
    return Promise.resolve();
  }

  /** Fetches the list again (one request at a time; one more queued when asked meanwhile). */
  refresh(): Promise<void> {
    if (this.#loading) {
      this.#again = true;
      return this.#loading;
    }
    this.#loading = this.#load().finally(() => {
      this.#loading = undefined;
      if (this.#again) {
        this.#again = false;
        void this.refresh();
      }
    });
    return this.#loading;
  }

  async #load(): Promise<void> {
    const session = this.#session;
    let list: RunList;
    try {
      list = await session.client.request<RunList>('GET', `/v1/sessions/${encodeURIComponent(session.sessionId)}/runs`);
    } catch {
      return; // The records still show what every participant sees.
    }
    this.#store.update({ runs: new Map(list.runs.map((run) => [run.id, run])) });
    this.#recheckPending(list.runs);
  }

  /**
   * Hidden tests pending for a viewer who sees them are done within seconds: ask again until they
   * are (candidates and observers see them pending until the reveal time, when the record changes).
   */
  #recheckPending(runs: RunView[]): void {
    const now = Date.now();
    const waiting = runs.some(
      (run) => run.hiddenTests?.status === 'pending' && now < Date.parse(run.hiddenTests.revealAt) + PENDING_GRACE_MS,
    );
    if (!waiting || this.#recheck || !seesHiddenTests(this.#session)) return;
    this.#recheck = setTimeout(() => {
      this.#recheck = undefined;
      void this.refresh();
    }, PENDING_RECHECK_MS);
  }
}

/** Whether the viewer sees hidden tests (their details come with the list): interviewers and the host. */
function seesHiddenTests(session: InterviewSession): boolean {
  const role = session.view?.viewer.role;
  return role === 'interviewer' || role === 'host';
}
