import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export { Counter, Gauge, Histogram, Registry };

/**
 * The server's Prometheus metrics, through prom-client. Modules register their own metrics on
 * the server's `registry` (`new Counter({ …, registers: [registry] })`); `/metrics` renders them
 * with the process's runtime metrics (event-loop lag, GC, heap, CPU, file descriptors: prom-client's
 * default metrics) and an `instance` label on every series.
 */
export interface Metrics {
  registry: Registry;
  /** This instance's id: the `instance` label. */
  instance: string;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  /** The Prometheus text exposition of every metric. */
  render(): Promise<string>;
  contentType: string;
}

/** A gauge read from `read()` when scraped. */
export function readGauge(registry: Registry, name: string, help: string, read: () => number): Gauge {
  return new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set(read());
    },
  });
}

/** A gauge with a series per label set, read from `read()` when scraped. */
export function readLabelledGauge<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: readonly L[],
  read: () => [Record<L, string>, number][],
): Gauge<L> {
  return new Gauge<L>({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const [labels, value] of read()) this.set(labels as Partial<Record<L, string | number>>, value);
    },
  });
}

let runtime: Registry | undefined;

/**
 * Node's runtime metrics, collected once per process: their collectors (a GC observer, an
 * event-loop delay histogram) are process-wide, and several servers may share a process (tests).
 */
function runtimeRegistry(): Registry {
  if (!runtime) {
    runtime = new Registry();
    collectDefaultMetrics({ register: runtime });
  }
  return runtime;
}

/** The server's standard metrics, and the registry that every other module's metrics join. */
export function createMetrics(instance: string): Metrics {
  const registry = new Registry();
  const runtimeMetrics = runtimeRegistry();
  readGauge(registry, 'process_uptime_seconds', 'Seconds since the process started', () => process.uptime());
  return {
    registry,
    instance,
    httpRequests: new Counter({ name: 'http_requests_total', help: 'HTTP requests by method, route and status', labelNames: ['method', 'route', 'status'], registers: [registry] }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by route',
      labelNames: ['method', 'route'],
      registers: [registry],
    }),
    contentType: registry.contentType,
    render: () => {
      const all = Registry.merge([runtimeMetrics, registry]);
      all.setDefaultLabels({ instance });
      return all.metrics();
    },
  };
}
