// address-allocator: public addresses for LoadBalancers and GWProxies from their ServicePrefix,
// committed in the ServicePrefix's status by Update with the read resourceVersion. Any number
// of replicas may run: the record in the API is the only state, nothing is rebuilt at start-up.
import { bootWorker, runUntilStopped, startWorker } from '@epic/worker-runtime';
import { AddressAllocator } from './address-allocator.js';
import { createAllocatorMetrics, registerAllocatorMetrics } from './allocator-metrics.js';
import { loadAddressAllocatorConfig } from './config.js';
import { routeEvent, wantsEvent } from './route-event.js';

const { own, logger, kc, emit, startOptions } = bootWorker(
  'address-allocator',
  loadAddressAllocatorConfig,
);
const metrics = createAllocatorMetrics();
const allocator = new AddressAllocator({ kc, metrics, batching: own.batching, emit });
const worker = await startWorker({
  ...startOptions,
  name: 'address-allocator',
  group: 'address-allocator',
  concurrency: own.concurrency,
  wants: (event) => wantsEvent(event, own.inScope),
  handler: (event, ctx) => routeEvent(event, allocator, ctx.log, own.inScope),
});
registerAllocatorMetrics(metrics, worker.registry);
logger.info({ port: worker.port, concurrency: own.concurrency }, 'address-allocator running');
runUntilStopped(worker, logger);
