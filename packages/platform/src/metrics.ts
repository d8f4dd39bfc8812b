/**
 * Prometheus metrics over a registry of our own (not prom-client's global one), so two services in one
 * process or two tests never register the same name twice. Default process metrics are on.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface MetricsOptions {
  /** Added to default metric names, e.g. `nexus_worker_`. */
  prefix?: string;
  /** Static labels on every series, e.g. `{ service: "worker" }`. */
  labels?: Record<string, string>;
}

export interface RenderedMetrics {
  contentType: string;
  body: string;
}

export class Metrics {
  readonly registry = new Registry();

  constructor({ prefix = "", labels }: MetricsOptions = {}) {
    if (labels) this.registry.setDefaultLabels(labels);
    collectDefaultMetrics({ register: this.registry, prefix });
  }

  counter<L extends string = string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  gauge<L extends string = string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  /** `buckets` in the metric's unit (seconds for latencies, by Prometheus convention). */
  histogram<L extends string = string>(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
    buckets?: number[],
  ): Histogram<L> {
    return new Histogram({
      name,
      help,
      labelNames,
      registers: [this.registry],
      ...(buckets ? { buckets } : {}),
    });
  }

  async render(): Promise<RenderedMetrics> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

export const createMetrics = (options: MetricsOptions = {}): Metrics => new Metrics(options);
