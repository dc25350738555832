// address-allocator: public addresses for LoadBalancers and GWProxies from their ServicePrefix,
// committed in the ServicePrefix's status by Update with the read resourceVersion. Any number
// of replicas may run: the record in the API is the only state, nothing is rebuilt at start-up.
import { EventRecorder, loadKubeConfig } from '@epic/kube';
import { createLogger } from '@epic/logging';
import { loadWorkerConfig, onShutdownSignals, startWorker } from '@epic/worker-runtime';
import { AddressAllocator } from './address-allocator.js';
import { createAllocatorMetrics, registerAllocatorMetrics } from './allocator-metrics.js';
import { loadAddressAllocatorConfig } from './config.js';
import { routeEvent, wantsEvent } from './route-event.js';

const config = loadWorkerConfig(process.env);
const own = loadAddressAllocatorConfig(process.env);
const logger = createLogger({ app: 'address-allocator', level: config.logLevel });
const kc = loadKubeConfig(process.env.KUBECONFIG);
const recorder = new EventRecorder(kc, 'address-allocator', (err) =>
  logger.warn({ err }, 'a Kubernetes Event could not be recorded'),
);
const metrics = createAllocatorMetrics();
const allocator = new AddressAllocator({
  kc,
  metrics,
  batching: own.batching,
  emit: (owner, event) => void recorder.record(owner, event),
});
const worker = await startWorker({
  name: 'address-allocator',
  group: 'address-allocator',
  prefix: config.topicPrefix,
  kafkaBrokers: config.kafkaBrokers,
  redisUrl: config.redisUrl,
  httpPort: config.httpPort,
  concurrency: own.concurrency,
  logger,
  wants: (event) => wantsEvent(event, own.inScope),
  handler: (event, ctx) => routeEvent(event, allocator, ctx.log, own.inScope),
});
registerAllocatorMetrics(metrics, worker.registry);
logger.info({ port: worker.port, concurrency: own.concurrency }, 'address-allocator running');
onShutdownSignals(() => worker.stop(), logger);
void worker.crashed.catch((err: unknown) => {
  logger.fatal({ err }, 'the Kafka consumer crashed');
  process.exit(1);
});
