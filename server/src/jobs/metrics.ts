import { Histogram, readGauge, readLabelledGauge, type Registry } from '../metrics.js';
import type { Logger } from '../logger.js';
import type { JobQueue } from './queue.js';
import { JOB_STATES } from './types.js';

/**
 * `/metrics` for the queue: `jobs{state}` (queued, running, failed, done, dead) and
 * `jobs_oldest_queued_seconds` (how long the longest-waiting due job has waited), read from the
 * database every `refreshMs`, so they count every server's jobs, not only this process's; and
 * `job_latency_seconds{kind,outcome}`, from enqueue to done (or dead) for the jobs this process
 * finished, retries and deferrals included.
 */
export class JobMetrics {
  #byState: Record<string, number> = {};
  #oldest = 0;
  readonly #timer: NodeJS.Timeout;
  readonly #unsubscribe: () => void;

  constructor(registry: Registry, private readonly queue: JobQueue, private readonly logger: Logger, refreshMs: number, private readonly now: () => number = Date.now) {
    readLabelledGauge(registry, 'jobs', 'Jobs in the queue by state', ['state'], () => JOB_STATES.map((state) => [{ state }, this.#byState[state] ?? 0]));
    readGauge(registry, 'jobs_oldest_queued_seconds', 'Seconds the longest-waiting due queued job has waited', () => this.#oldest);
    const latency = new Histogram({
      name: 'job_latency_seconds',
      help: 'Jobs from enqueue to done or dead, retries included, by kind and outcome',
      labelNames: ['kind', 'outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
      registers: [registry],
    });
    this.#unsubscribe = queue.onSettled((kind, outcome, seconds) => latency.observe({ kind, outcome }, seconds));
    this.#timer = setInterval(() => void this.refresh(), refreshMs);
    this.#timer.unref();
    void this.refresh();
  }

  async refresh(): Promise<void> {
    try {
      const { byState, oldestQueuedSeconds } = await this.queue.store.stats(new Date(this.now()));
      this.#byState = byState;
      this.#oldest = oldestQueuedSeconds;
    } catch (error) {
      this.logger.debug('reading job metrics failed', { error: (error as Error).message });
    }
  }

  close(): void {
    clearInterval(this.#timer);
    this.#unsubscribe();
  }
}
