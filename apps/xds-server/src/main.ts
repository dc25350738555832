// xds-server: the ADS gRPC server and the worker that keeps its snapshots current, in one
// process (the snapshots live in its memory). Start order: serve gRPC (Envoys may connect and
// wait), render everything in scope from the API, then consume events.
import { bootWorker, runUntilStopped, startWorker } from '@epic/worker-runtime';
import { startAdsServer } from './ads-server.js';
import { loadXdsConfig } from './config.js';
import { kubeXdsServer } from './wiring.js';
import { createXdsMetrics, registerXdsMetrics } from './xds-metrics.js';

const { own, logger, kc, emit, startOptions } = bootWorker('xds-server', loadXdsConfig);
const metrics = createXdsMetrics();
const server = kubeXdsServer({
  kc,
  logger,
  emit,
  metrics,
  namespaces: own.namespaces,
  inScope: own.inScope,
});
const ads = await startAdsServer({ ...server.streams, host: own.host, port: own.port });
logger.info({ port: ads.port }, 'ADS server listening');
const started = performance.now();
const proxies = await server.renderAll();
logger.info(
  { proxies, seconds: Math.round(performance.now() - started) / 1000 },
  'every proxy in scope rendered',
);
const worker = await startWorker({
  ...startOptions,
  name: 'xds-server',
  group: 'xds-server',
  concurrency: own.concurrency,
  handler: (event) => server.handleEvent(event),
});
registerXdsMetrics(metrics, worker.registry);
runUntilStopped(
  {
    crashed: worker.crashed,
    stop: async () => {
      await worker.stop();
      await ads.close();
      await server.idle();
    },
  },
  logger,
);
