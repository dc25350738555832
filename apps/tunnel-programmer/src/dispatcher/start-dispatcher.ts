// The dispatcher as a worker: consumer group `tunnel-programmer` -> its BullMQ queue -> a
// handler that waits for a dispatch started after its event. Shared by main.ts and the tests.
import type { KubeConfig } from '@kubernetes/client-node';
import { Redis } from 'ioredis';
import type { Logger } from '@epic/logging';
import { namespaceScope, startWorker, type WorkerHandle } from '@epic/worker-runtime';
import { PayloadPublisher } from '../shared/payload-store.js';
import { createDispatcherMetrics, registerDispatcherMetrics } from './dispatcher-metrics.js';
import { Dispatcher } from './dispatcher.js';
import { triggersDispatch } from './route-event.js';

export interface StartDispatcherOptions {
  kc: KubeConfig;
  kafkaBrokers: readonly string[];
  redisUrl: string;
  /** Topic prefix, also the prefix of the per-node queues. */
  prefix: string;
  httpPort: number;
  logger: Logger;
  namespaces: readonly string[];
  nodeSelector: string;
  concurrency: number;
  settleMs: number;
  /** Handler retry backoff (tests shorten it). */
  backoffMs?: number;
}

export interface DispatcherHandle {
  worker: WorkerHandle;
  dispatcher: Dispatcher;
  publisher: PayloadPublisher;
  stop(): Promise<void>;
}

export async function startDispatcher(options: StartDispatcherOptions): Promise<DispatcherHandle> {
  const log = options.logger.child({ component: 'dispatcher' });
  const redis = new Redis(options.redisUrl, {
    lazyConnect: true,
    enableOfflineQueue: false,
    connectionName: 'tunnel-dispatcher',
  });
  redis.on('error', (err: Error) => log.warn({ err }, 'redis connection error'));
  await redis.connect();
  const publisher = new PayloadPublisher(redis, options.prefix);
  const inScope = namespaceScope(options.namespaces);
  const metrics = createDispatcherMetrics();
  const dispatcher = new Dispatcher({
    kc: options.kc,
    scope: { namespaces: options.namespaces, nodeSelector: options.nodeSelector },
    publisher,
    metrics,
    log,
    settleMs: options.settleMs,
  });
  const worker = await startWorker({
    name: 'tunnel-dispatcher',
    group: 'tunnel-programmer',
    prefix: options.prefix,
    kafkaBrokers: options.kafkaBrokers,
    redisUrl: options.redisUrl,
    httpPort: options.httpPort,
    concurrency: options.concurrency,
    ...(options.backoffMs === undefined ? {} : { backoffMs: options.backoffMs }),
    logger: options.logger,
    handler: async (event) => {
      if (triggersDispatch(event, inScope)) await dispatcher.request();
    },
  });
  registerDispatcherMetrics(metrics, worker.registry);
  // A fresh start looks once without waiting for an event, so nodes get their tables even when
  // nothing changes for a while.
  const first = dispatcher.request().catch((err: unknown) => {
    log.error({ err }, 'first dispatch failed; the next event retries');
  });
  return {
    worker,
    dispatcher,
    publisher,
    async stop() {
      await worker.stop();
      await first;
      await dispatcher.idle();
      await publisher.close();
      await redis.quit();
    },
  };
}
