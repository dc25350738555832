// envoy-renderer: every LoadBalancer and GWProxy gets its own Envoy Deployment (bootstrap
// pointing at the ADS server) and a ProxyReady condition. Any number of replicas may run: the
// consumer group spreads events, every write is a server-side apply or an Update carrying the
// read resourceVersion, and every reconcile re-reads Kubernetes.
import { bootWorker, runUntilStopped, startWorker } from '@epic/worker-runtime';
import { loadRendererConfig } from './config.js';
import { epicDefaultImage } from './epic-image.js';
import { EnvoyRenderer } from './envoy-renderer.js';
import { createRendererMetrics, registerRendererMetrics } from './renderer-metrics.js';
import { routeEvent } from './route-event.js';

const { own, logger, kc, emit, startOptions } = bootWorker('envoy-renderer', loadRendererConfig);
const metrics = createRendererMetrics();
const renderer = new EnvoyRenderer({
  kc,
  settings: own.settings,
  defaultImage: epicDefaultImage(kc),
  metrics,
  emit,
  inScope: own.inScope,
});
const worker = await startWorker({
  ...startOptions,
  name: 'envoy-renderer',
  group: 'envoy-renderer',
  concurrency: own.concurrency,
  handler: (event, { log }) => routeEvent(event, renderer, log),
});
registerRendererMetrics(metrics, worker.registry);
logger.info(
  { port: worker.port, concurrency: own.concurrency, xds: own.settings.xds },
  'envoy-renderer running',
);
runUntilStopped(worker, logger);
