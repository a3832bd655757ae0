import { Counter, Histogram, readGauge, type Registry } from '../../metrics.js';
import type { RunQueue } from './queue.js';

/** The runs' figures in `/metrics`: finished runs by verdict, durations, and the queue's state. */
export class RunMetrics {
  private readonly total: Counter<'language' | 'verdict'>;
  private readonly seconds: Histogram<'language'>;

  constructor(registry: Registry, queue: RunQueue) {
    this.total = new Counter({ name: 'runs_total', help: 'Finished code runs by language and verdict', labelNames: ['language', 'verdict'], registers: [registry] });
    this.seconds = new Histogram({
      name: 'run_duration_seconds',
      help: 'Code runs from admission to result, queueing included',
      labelNames: ['language'],
      registers: [registry],
    });
    readGauge(registry, 'run_queue_running', 'Code runs executing now', () => queue.running);
    readGauge(registry, 'run_queue_waiting', 'Code runs waiting for a slot', () => queue.waiting);
  }

  finished(language: string, verdict: string, seconds: number): void {
    this.total.inc({ language, verdict });
    this.seconds.observe({ language }, seconds);
  }
}
