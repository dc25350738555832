// What an operator watches on the xDS server: clients connected, what is pushed to them, what
// they reject, and what building snapshots costs.
import { Counter, Gauge, Histogram, type Metric, type Registry } from 'prom-client';

export interface XdsMetrics {
  connected: Gauge<'api'>;
  pushes: Counter<'type' | 'api'>;
  nacks: Counter<'type'>;
  buildSeconds: Histogram<'kind'>;
  renders: Counter<'kind' | 'outcome'>;
  snapshots: Gauge;
}

/** The metrics, in no registry yet (see registerXdsMetrics). */
export function createXdsMetrics(): XdsMetrics {
  const registers: Registry[] = [];
  return {
    connected: new Gauge({
      name: 'epic_xds_connected_clients',
      help: 'Open ADS streams, by API (sotw, delta).',
      labelNames: ['api'],
      registers,
    }),
    pushes: new Counter({
      name: 'epic_xds_pushes_total',
      help: 'DiscoveryResponses sent, by xDS type (LDS, RDS, CDS, EDS) and API.',
      labelNames: ['type', 'api'],
      registers,
    }),
    nacks: new Counter({
      name: 'epic_xds_nacks_total',
      help: 'Responses a client rejected (NACK with error_detail), by xDS type.',
      labelNames: ['type'],
      registers,
    }),
    buildSeconds: new Histogram({
      name: 'epic_xds_snapshot_build_seconds',
      help: 'Render + encode of one proxy snapshot (the API reads and the version commit excluded).',
      labelNames: ['kind'],
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
      registers,
    }),
    renders: new Counter({
      name: 'epic_xds_renders_total',
      help: 'Proxy renders, by kind and outcome (changed, unchanged, waiting for a public address, failed, removed).',
      labelNames: ['kind', 'outcome'],
      registers,
    }),
    snapshots: new Gauge({
      name: 'epic_xds_snapshots',
      help: 'Proxies with a snapshot served by this process.',
      registers,
    }),
  };
}

/** Serves the metrics on the worker's /metrics (the registry exists once the worker started). */
export function registerXdsMetrics(metrics: XdsMetrics, registry: Registry): void {
  const all: Metric[] = [
    metrics.connected,
    metrics.pushes,
    metrics.nacks,
    metrics.buildSeconds,
    metrics.renders,
    metrics.snapshots,
  ];
  for (const metric of all) registry.registerMetric(metric);
}
