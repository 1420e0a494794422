import {
  Counter,
  type CounterConfiguration,
  collectDefaultMetrics,
  Gauge,
  type GaugeConfiguration,
  Histogram,
  type HistogramConfiguration,
  Registry,
} from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  /** Content-Type of the text exposition format. */
  readonly contentType: string;
  counter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L>;
  histogram<L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L>;
  gauge<L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L>;
  /** The Prometheus text of every metric. */
  render(): Promise<string>;
}

/**
 * One prom-client registry per process, with the default Node metrics (event loop lag, heap, GC,
 * handles) and a `service` label on every series. Name metrics `autoalex_<what>_<unit>`.
 */
export function createMetrics(settings: { service: string; defaultMetrics?: boolean }): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: settings.service });
  if (settings.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  return {
    registry,
    contentType: registry.contentType,
    counter: (config) => new Counter({ ...config, registers: [registry] }),
    histogram: (config) => new Histogram({ ...config, registers: [registry] }),
    gauge: (config) => new Gauge({ ...config, registers: [registry] }),
    render: () => registry.metrics(),
  };
}
