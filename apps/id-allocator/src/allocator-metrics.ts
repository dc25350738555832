// What an operator watches on id-allocator: how many IDs it hands out, how often replicas
// collide on a counter (409 Conflict, then re-read and retry), how big the group commits get,
// and how many IDs leak (claimed, then found already recorded by someone else).
import { Counter, Histogram, type Metric, type Registry } from 'prom-client';

export type IdKind = 'group' | 'service' | 'tunnel';
/** The object whose status holds the counter. */
export type CounterParent = 'epic' | 'account';

export interface AllocatorMetrics {
  allocated: Counter<'kind'>;
  leaked: Counter<'kind'>;
  exhausted: Counter<'kind'>;
  claims: Counter<'parent'>;
  conflicts: Counter<'parent'>;
  batchSize: Histogram<'parent'>;
  claimSeconds: Histogram<'parent'>;
}

/** The metrics, in no registry yet (see registerAllocatorMetrics). */
export function createAllocatorMetrics(): AllocatorMetrics {
  const registers: Registry[] = [];
  return {
    allocated: new Counter({
      name: 'epic_ids_allocated_total',
      help: 'IDs claimed and recorded on their object, by kind.',
      labelNames: ['kind'],
      registers,
    }),
    leaked: new Counter({
      name: 'epic_ids_leaked_total',
      help: 'IDs claimed but not recorded because the object already held one (a duplicate delivery raced us); safe, never a duplicate.',
      labelNames: ['kind'],
      registers,
    }),
    exhausted: new Counter({
      name: 'epic_ids_exhausted_total',
      help: 'Objects refused an ID because the counter space is used up, by kind.',
      labelNames: ['kind'],
      registers,
    }),
    claims: new Counter({
      name: 'epic_id_claims_total',
      help: 'Successful counter Updates (one per group commit), by parent.',
      labelNames: ['parent'],
      registers,
    }),
    conflicts: new Counter({
      name: 'epic_id_claim_conflicts_total',
      help: 'Counter Updates refused with 409 Conflict (re-read and retried), by parent.',
      labelNames: ['parent'],
      registers,
    }),
    batchSize: new Histogram({
      name: 'epic_id_claim_batch_size',
      help: 'Objects served by one counter claim (group commit), by parent.',
      labelNames: ['parent'],
      buckets: [1, 2, 4, 8, 16, 32, 64, 128],
      registers,
    }),
    claimSeconds: new Histogram({
      name: 'epic_id_claim_seconds',
      help: 'Time of one claim including conflict retries, by parent.',
      labelNames: ['parent'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
  };
}

/** Serves the metrics on the worker's /metrics (the worker's registry exists once it started). */
export function registerAllocatorMetrics(metrics: AllocatorMetrics, registry: Registry): void {
  const all: Metric[] = [
    metrics.allocated,
    metrics.leaked,
    metrics.exhausted,
    metrics.claims,
    metrics.conflicts,
    metrics.batchSize,
    metrics.claimSeconds,
  ];
  for (const metric of all) registry.registerMetric(metric);
}
