// id-allocator: group, service and tunnel IDs by the seed's optimistic-update algorithm. Any
// number of replicas may run: the consumer group spreads events and every claim is an Update
// carrying the read resourceVersion.
import { Redis } from 'ioredis';
import { EventRecorder, loadKubeConfig } from '@epic/kube';
import { createLogger } from '@epic/logging';
import { loadWorkerConfig, onShutdownSignals, startWorker } from '@epic/worker-runtime';
import { createAllocatorMetrics, registerAllocatorMetrics } from './allocator-metrics.js';
import { RedisClaimLocks } from './claim-locks.js';
import { loadAllocatorConfig } from './config.js';
import { IdAllocator } from './id-allocator.js';
import { routeEvent, wantsEvent } from './route-event.js';

const config = loadWorkerConfig(process.env);
const own = loadAllocatorConfig(process.env);
const logger = createLogger({ app: 'id-allocator', level: config.logLevel });
const kc = loadKubeConfig(process.env.KUBECONFIG);
const recorder = new EventRecorder(kc, 'id-allocator', (err) =>
  logger.warn({ err }, 'a Kubernetes Event could not be recorded'),
);
const metrics = createAllocatorMetrics();
const redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
await redis.connect();
const allocator = new IdAllocator({
  kc,
  metrics,
  locks: new RedisClaimLocks(redis, { prefix: config.topicPrefix || 'epic' }),
  batching: own.batching,
  emit: (object, event) => void recorder.record(object, event),
});
const worker = await startWorker({
  name: 'id-allocator',
  group: 'id-allocator',
  prefix: config.topicPrefix,
  kafkaBrokers: config.kafkaBrokers,
  redisUrl: config.redisUrl,
  httpPort: config.httpPort,
  concurrency: own.concurrency,
  logger,
  wants: (event) => wantsEvent(event, own.inScope),
  handler: (event) => routeEvent(event, allocator, own.inScope),
});
registerAllocatorMetrics(metrics, worker.registry);
logger.info(
  { port: worker.port, concurrency: own.concurrency, batching: own.batching },
  'id-allocator running',
);
onShutdownSignals(async () => {
  await worker.stop();
  await redis.quit();
}, logger);
