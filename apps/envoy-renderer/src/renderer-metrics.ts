// What an operator watches on envoy-renderer: how many proxies it reconciles and how that ends,
// what it does to Deployments, and how often a reconcile fails (it is then retried by the
// worker runtime, and dead-lettered after the last attempt).
import { Counter, type Metric, type Registry } from 'prom-client';

export type ReconcileResult = 'applied' | 'refused' | 'conflict' | 'released' | 'gone';
export type DeploymentAction = 'created' | 'updated' | 'deleted';

export interface RendererMetrics {
  reconciles: Counter<'kind' | 'result'>;
  deployments: Counter<'action'>;
  errors: Counter<'kind'>;
}

/** The metrics, in no registry yet (see registerRendererMetrics). */
export function createRendererMetrics(): RendererMetrics {
  const registers: Registry[] = [];
  return {
    reconciles: new Counter({
      name: 'epic_envoy_reconciles_total',
      help: 'Proxies reconciled, by kind (LoadBalancer, GWProxy) and result: applied (Deployment in place), refused (a condition says why not), conflict (a Deployment of that name is not ours), released (being deleted: Envoy cleaned up, finalizer released), gone (nothing to do: the proxy is gone, or being deleted without our finalizer).',
      labelNames: ['kind', 'result'],
      registers,
    }),
    deployments: new Counter({
      name: 'epic_envoy_deployments_total',
      help: 'Envoy Deployments created, updated (a real change: replicas, image, spec) and deleted.',
      labelNames: ['action'],
      registers,
    }),
    errors: new Counter({
      name: 'epic_envoy_reconcile_errors_total',
      help: 'Reconciles that failed with an error (retried by the worker runtime), by proxy kind.',
      labelNames: ['kind'],
      registers,
    }),
  };
}

/** Serves the metrics on the worker's /metrics (the worker's registry exists once it started). */
export function registerRendererMetrics(metrics: RendererMetrics, registry: Registry): void {
  const all: Metric[] = [metrics.reconciles, metrics.deployments, metrics.errors];
  for (const metric of all) registry.registerMetric(metric);
}
