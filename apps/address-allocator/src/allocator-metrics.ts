// What an operator watches on address-allocator: addresses handed out and freed per
// ServicePrefix and pool, how often replicas collide on a ServicePrefix (409 Conflict, then
// re-read and retry), how big the group commits get, and why requests were refused.
import { Counter, Histogram, type Metric, type Registry } from 'prom-client';

export interface AllocatorMetrics {
  allocations: Counter<'service_prefix' | 'pool'>;
  releases: Counter<'service_prefix' | 'pool'>;
  conflicts: Counter<'service_prefix'>;
  writes: Counter<'service_prefix'>;
  refusals: Counter<'reason'>;
  reclaimed: Counter<'service_prefix'>;
  batchSize: Histogram<'service_prefix'>;
}

/** The metrics, in no registry yet (see registerAllocatorMetrics). */
export function createAllocatorMetrics(): AllocatorMetrics {
  const registers: Registry[] = [];
  return {
    allocations: new Counter({
      name: 'epic_address_allocations_total',
      help: 'Addresses claimed in a ServicePrefix (new claims, shared joins and moves), by pool (public or alt).',
      labelNames: ['service_prefix', 'pool'],
      registers,
    }),
    releases: new Counter({
      name: 'epic_address_releases_total',
      help: 'Claims dropped from a ServicePrefix (deleted owners, moves, reclaimed stale claims), by pool.',
      labelNames: ['service_prefix', 'pool'],
      registers,
    }),
    conflicts: new Counter({
      name: 'epic_address_conflicts_total',
      help: 'ServicePrefix status Updates refused with 409 Conflict (re-read and retried).',
      labelNames: ['service_prefix'],
      registers,
    }),
    writes: new Counter({
      name: 'epic_address_record_writes_total',
      help: 'Successful ServicePrefix status Updates (one per group commit that changed something).',
      labelNames: ['service_prefix'],
      registers,
    }),
    refusals: new Counter({
      name: 'epic_address_refusals_total',
      help: 'Requests refused an address, by reason (PoolExhausted, AddressUnavailable, InvalidPool, ServicePrefixNotFound).',
      labelNames: ['reason'],
      registers,
    }),
    reclaimed: new Counter({
      name: 'epic_address_reclaimed_owners_total',
      help: 'Claims found held by objects that no longer exist, and released.',
      labelNames: ['service_prefix'],
      registers,
    }),
    batchSize: new Histogram({
      name: 'epic_address_batch_size',
      help: 'Claims and releases carried by one ServicePrefix status Update (group commit).',
      labelNames: ['service_prefix'],
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
      registers,
    }),
  };
}

/** Serves the metrics on the worker's /metrics (the worker's registry exists once it started). */
export function registerAllocatorMetrics(metrics: AllocatorMetrics, registry: Registry): void {
  const all: Metric[] = [
    metrics.allocations,
    metrics.releases,
    metrics.conflicts,
    metrics.writes,
    metrics.refusals,
    metrics.reclaimed,
    metrics.batchSize,
  ];
  for (const metric of all) registry.registerMetric(metric);
}
