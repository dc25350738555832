// id-allocator: group, service and tunnel IDs by the seed's optimistic-update algorithm. Any
// number of replicas may run: the consumer group spreads events and every claim is an Update
// carrying the read resourceVersion.
import { Redis } from 'ioredis';
import { bootWorker, runUntilStopped, startWorker } from '@epic/worker-runtime';
import { createAllocatorMetrics, registerAllocatorMetrics } from './allocator-metrics.js';
import { RedisClaimLocks } from './claim-locks.js';
import { loadAllocatorConfig } from './config.js';
import { IdAllocator } from './id-allocator.js';
import { routeEvent, wantsEvent } from './route-event.js';

const { own, logger, kc, emit, startOptions } = bootWorker('id-allocator', loadAllocatorConfig);
const metrics = createAllocatorMetrics();
const redis = new Redis(startOptions.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
await redis.connect();
const allocator = new IdAllocator({
  kc,
  metrics,
  locks: new RedisClaimLocks(redis, { prefix: startOptions.prefix || 'epic' }),
  batching: own.batching,
  emit,
});
const worker = await startWorker({
  ...startOptions,
  name: 'id-allocator',
  group: 'id-allocator',
  concurrency: own.concurrency,
  wants: (event) => wantsEvent(event, own.inScope),
  handler: (event) => routeEvent(event, allocator, own.inScope),
});
registerAllocatorMetrics(metrics, worker.registry);
logger.info(
  { port: worker.port, concurrency: own.concurrency, batching: own.batching },
  'id-allocator running',
);
runUntilStopped(
  {
    crashed: worker.crashed,
    stop: async () => {
      await worker.stop();
      await redis.quit();
    },
  },
  logger,
);
