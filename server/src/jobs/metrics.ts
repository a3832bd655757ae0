import { readGauge, readLabelledGauge, type Registry } from '../metrics.js';
import type { Logger } from '../logger.js';
import type { JobStore } from './store.js';
import { JOB_STATES } from './types.js';

/**
 * `/metrics` for the queue: `jobs{state}` (queued, running, failed, done, dead) and
 * `jobs_oldest_queued_seconds` (how long the longest-waiting due job has waited). Read from the
 * database every `refreshMs`, so they count every server's jobs, not only this process's.
 */
export class JobMetrics {
  #byState: Record<string, number> = {};
  #oldest = 0;
  readonly #timer: NodeJS.Timeout;

  constructor(registry: Registry, private readonly store: JobStore, private readonly logger: Logger, refreshMs: number, private readonly now: () => number = Date.now) {
    readLabelledGauge(registry, 'jobs', 'Jobs in the queue by state', ['state'], () => JOB_STATES.map((state) => [{ state }, this.#byState[state] ?? 0]));
    readGauge(registry, 'jobs_oldest_queued_seconds', 'Seconds the longest-waiting due queued job has waited', () => this.#oldest);
    this.#timer = setInterval(() => void this.refresh(), refreshMs);
    this.#timer.unref();
    void this.refresh();
  }

  async refresh(): Promise<void> {
    try {
      const { byState, oldestQueuedSeconds } = await this.store.stats(new Date(this.now()));
      this.#byState = byState;
      this.#oldest = oldestQueuedSeconds;
    } catch (error) {
      this.logger.debug('reading job metrics failed', { error: (error as Error).message });
    }
  }

  close(): void {
    clearInterval(this.#timer);
  }
}
