import { Counter, Gauge, Histogram, type Registry } from '../../metrics.js';
import type { RunQueue } from './queue.js';

/** The runs' figures in `/metrics`: finished runs by verdict, durations, and the queue's state. */
export class RunMetrics {
  private readonly total: Counter;
  private readonly seconds: Histogram;

  constructor(registry: Registry, queue: RunQueue) {
    this.total = registry.register(new Counter('runs_total', 'Finished code runs by language and verdict'));
    this.seconds = registry.register(new Histogram('run_duration_seconds', 'Code runs from admission to result, queueing included'));
    registry.register(new Gauge('run_queue_running', 'Code runs executing now', () => queue.running));
    registry.register(new Gauge('run_queue_waiting', 'Code runs waiting for a slot', () => queue.waiting));
  }

  finished(language: string, verdict: string, seconds: number): void {
    this.total.inc({ language, verdict });
    this.seconds.observe({ language }, seconds);
  }
}
