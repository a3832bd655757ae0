/**
 * A small Prometheus registry: counters and histograms with labels, rendered in the text
 * exposition format at `/metrics`.
 */
type Labels = Record<string, string>;

const labelKey = (labels: Labels) =>
  Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');

export interface Metric {
  render(): string[];
}

export class Counter implements Metric {
  private readonly values = new Map<string, number>();
  constructor(readonly name: string, readonly help: string) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = labelKey(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }

  render(): string[] {
    return [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} counter`,
      ...[...this.values].map(([key, value]) => `${this.name}${key ? `{${key}}` : ''} ${value}`),
    ];
  }
}

export class Gauge implements Metric {
  constructor(readonly name: string, readonly help: string, private readonly read: () => number) {}

  render(): string[] {
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`, `${this.name} ${this.read()}`];
  }
}

/** A gauge with a series per label set, read from `read()` when scraped. */
export class LabelledGauge implements Metric {
  constructor(readonly name: string, readonly help: string, private readonly read: () => [Labels, number][]) {}

  render(): string[] {
    return [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} gauge`,
      ...this.read().map(([labels, value]) => `${this.name}{${labelKey(labels)}} ${value}`),
    ];
  }
}

export class Histogram implements Metric {
  private readonly series = new Map<string, { buckets: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly bounds: number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  ) {}

  observe(labels: Labels, value: number): void {
    const key = labelKey(labels);
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = { buckets: this.bounds.map(() => 0), sum: 0, count: 0 }));
    this.bounds.forEach((bound, i) => {
      if (value <= bound) s.buckets[i]! += 1;
    });
    s.sum += value;
    s.count += 1;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [key, s] of this.series) {
      const sep = key ? ',' : '';
      this.bounds.forEach((bound, i) => lines.push(`${this.name}_bucket{${key}${sep}le="${bound}"} ${s.buckets[i]}`));
      lines.push(`${this.name}_bucket{${key}${sep}le="+Inf"} ${s.count}`);
      lines.push(`${this.name}_sum${key ? `{${key}}` : ''} ${s.sum}`);
      lines.push(`${this.name}_count${key ? `{${key}}` : ''} ${s.count}`);
    }
    return lines;
  }
}

export class Registry {
  private readonly metrics: Metric[] = [];

  register<M extends Metric>(metric: M): M {
    this.metrics.push(metric);
    return metric;
  }

  render(): string {
    return `${this.metrics.flatMap((m) => m.render()).join('\n')}\n`;
  }
}

/** The server's standard metrics. */
export function createMetrics() {
  const registry = new Registry();
  return {
    registry,
    httpRequests: registry.register(new Counter('http_requests_total', 'HTTP requests by method, route and status')),
    httpDuration: registry.register(new Histogram('http_request_duration_seconds', 'HTTP request latency by route')),
    uptime: registry.register(new Gauge('process_uptime_seconds', 'Seconds since the process started', () => process.uptime())),
    heap: registry.register(new Gauge('process_heap_used_bytes', 'V8 heap in use', () => process.memoryUsage().heapUsed)),
    rss: registry.register(new Gauge('process_resident_memory_bytes', 'Resident set size', () => process.memoryUsage().rss)),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
