// envoy-renderer: every LoadBalancer and GWProxy gets its own Envoy Deployment (bootstrap
// pointing at the ADS server) and a ProxyReady condition. Any number of replicas may run: the
// consumer group spreads events, every write is a server-side apply or an Update carrying the
// read resourceVersion, and every reconcile re-reads Kubernetes.
import { EventRecorder, loadKubeConfig } from '@epic/kube';
import { createLogger } from '@epic/logging';
import { loadWorkerConfig, onShutdownSignals, startWorker } from '@epic/worker-runtime';
import { loadRendererConfig } from './config.js';
import { epicDefaultImage } from './epic-image.js';
import { EnvoyRenderer } from './envoy-renderer.js';
import { createRendererMetrics, registerRendererMetrics } from './renderer-metrics.js';
import { routeEvent } from './route-event.js';

const config = loadWorkerConfig(process.env);
const own = loadRendererConfig(process.env);
const logger = createLogger({ app: 'envoy-renderer', level: config.logLevel });
const kc = loadKubeConfig(process.env.KUBECONFIG);
const recorder = new EventRecorder(kc, 'envoy-renderer', (err) =>
  logger.warn({ err }, 'a Kubernetes Event could not be recorded'),
);
const metrics = createRendererMetrics();
const renderer = new EnvoyRenderer({
  kc,
  settings: own.settings,
  defaultImage: epicDefaultImage(kc),
  metrics,
  emit: (object, event) => void recorder.record(object, event),
  inScope: own.inScope,
});
const worker = await startWorker({
  name: 'envoy-renderer',
  group: 'envoy-renderer',
  prefix: config.topicPrefix,
  kafkaBrokers: config.kafkaBrokers,
  redisUrl: config.redisUrl,
  httpPort: config.httpPort,
  concurrency: own.concurrency,
  logger,
  handler: (event, { log }) => routeEvent(event, renderer, log),
});
registerRendererMetrics(metrics, worker.registry);
logger.info(
  { port: worker.port, concurrency: own.concurrency, xds: own.settings.xds },
  'envoy-renderer running',
);
worker.crashed.catch((err: unknown) => {
  logger.fatal({ err }, 'the Kafka consumer crashed');
  process.exit(1);
});
onShutdownSignals(() => worker.stop(), logger);
