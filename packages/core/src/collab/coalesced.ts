/**
 * Wraps an asynchronous task so that calls coalesce: one run in flight, at most one queued behind
 * it (however many calls arrive meanwhile), so the last call is always followed by a run that
 * started after it. Failures are swallowed; the task reports its own.
 */
export function coalesced(task: () => Promise<unknown>): () => void {
  let running = false;
  let queued = false;
  const run = (): void => {
    if (running) {
      queued = true;
      return;
    }
    running = true;
    void task()
      .catch(() => {})
      .finally(() => {
        running = false;
        if (!queued) return;
        queued = false;
        run();
      });
  };
  return run;
}
