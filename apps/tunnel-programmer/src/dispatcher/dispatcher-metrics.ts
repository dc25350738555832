// What an operator watches on the dispatcher: how often it recomputes (and how long that takes
// with every list), how many doorbells it rings per node, which problems keep tables from
// being complete, and how many finalizer writes it makes.
import { Counter, Gauge, Histogram, type Metric, type Registry } from 'prom-client';

export interface DispatcherMetrics {
  dispatches: Counter<'result'>;
  dispatchSeconds: Histogram;
  jobsEnqueued: Counter<'node'>;
  tunnels: Gauge<'node'>;
  problems: Gauge<'kind'>;
  finalizerWrites: Counter;
}

/** The metrics, in no registry yet: the worker's registry exists once it has started. */
export function createDispatcherMetrics(): DispatcherMetrics {
  const registers: Registry[] = [];
  return {
    dispatches: new Counter({
      name: 'epic_tunnel_dispatches_total',
      help: 'Recomputations of every node table (one serves a burst of events), by result.',
      labelNames: ['result'],
      registers,
    }),
    dispatchSeconds: new Histogram({
      name: 'epic_tunnel_dispatch_seconds',
      help: 'Duration of one recomputation: lists, tables, finalizer writes and doorbells.',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    jobsEnqueued: new Counter({
      name: 'epic_tunnel_jobs_enqueued_total',
      help: "Doorbell jobs put on a node's queue (a changed table), by node.",
      labelNames: ['node'],
      registers,
    }),
    tunnels: new Gauge({
      name: 'epic_tunnel_table_tunnels',
      help: "Tunnels in a node's latest table, by node.",
      labelNames: ['node'],
      registers,
    }),
    problems: new Gauge({
      name: 'epic_tunnel_table_problems',
      help: 'Problems in the latest tables of all nodes (e.g. no-tunnel-id), by kind.',
      labelNames: ['kind'],
      registers,
    }),
    finalizerWrites: new Counter({
      name: 'epic_tunnel_finalizer_writes_total',
      help: 'Agent finalizers added or removed (stale nodes) by the dispatcher.',
      registers,
    }),
  };
}

/** Serves the metrics on the worker's /metrics. */
export function registerDispatcherMetrics(metrics: DispatcherMetrics, registry: Registry): void {
  for (const metric of Object.values(metrics) as Metric[]) registry.registerMetric(metric);
}
