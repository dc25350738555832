// id-allocator: group, service and tunnel IDs by the seed's optimistic-update algorithm. Any
// number of replicas may run: the consumer group spreads events and every claim is an Update
// carrying the read resourceVersion.
import { loadKubeConfig } from '@epic/kube';
import { createLogger } from '@epic/logging';
import { loadWorkerConfig, onShutdownSignals, startWorker } from '@epic/worker-runtime';
import { IdAllocator } from './id-allocator.js';
import { routeEvent } from './route-event.js';

const config = loadWorkerConfig(process.env);
const logger = createLogger({ app: 'id-allocator', level: config.logLevel });
const allocator = new IdAllocator(loadKubeConfig(process.env.KUBECONFIG));
const worker = await startWorker({
  name: 'id-allocator',
  group: 'id-allocator',
  prefix: config.topicPrefix,
  kafkaBrokers: config.kafkaBrokers,
  redisUrl: config.redisUrl,
  httpPort: config.httpPort,
  logger,
  handler: (event) => routeEvent(event, allocator),
});
onShutdownSignals(() => worker.stop(), logger);
