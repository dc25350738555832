// Test support for ingest: an in-process Ingest on a fresh topic prefix, and a collector that
// reads every domain event of that prefix back from Kafka. Not exported from the lib's index.
import { randomBytes, randomUUID } from 'node:crypto';
import type { KubeConfig } from '@kubernetes/client-node';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import type { DomainEvent } from '@epic/events';
import {
  createEventPublisher,
  createKafka,
  deleteConsumerGroupsWithPrefix,
  deleteTopicsWithPrefix,
  ensureTopics,
  runEventConsumer,
} from '@epic/kafka';
import { createLogger } from '@epic/logging';
import { eventually as poll } from '@epic/testing';
import { Ingest, publishedStateKey } from './ingest.js';
import { ingestMetrics } from './ingest-metrics.js';

export const testLogger = createLogger({
  app: 'ingest-test',
  level: process.env.LOG_LEVEL === 'debug' ? 'debug' : 'warn',
});

/** The shared bounded poll (every 100 ms), for this package's tests and its users'. */
export function eventually<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  return poll(what, probe, { timeoutMs });
}

/** A topic prefix of its own, its topics, a collector of its events, and cleanup. */
export async function eventBus() {
  const prefix = `t-${randomBytes(4).toString('hex')}`;
  const kafka = createKafka({
    brokers: (process.env.EPIC_KAFKA_BROKERS ?? '').split(','),
    clientId: prefix,
    logger: testLogger,
  });
  await ensureTopics({ kafka, prefix, log: testLogger });
  const events: DomainEvent[] = [];
  const consumer = await runEventConsumer({
    kafka,
    group: 'audit',
    prefix,
    logger: testLogger,
    onEvent: (e) => (events.push(e), Promise.resolve()),
  });
  return {
    prefix,
    kafka,
    events,
    async close() {
      await consumer.stop();
      await deleteTopicsWithPrefix({ kafka, prefix, log: testLogger });
      await deleteConsumerGroupsWithPrefix({ kafka, prefix, log: testLogger });
    },
  };
}

/** An Ingest publishing to the bus's prefix; `ready` resolves after every collection was listed once. */
export async function startIngest(
  kc: KubeConfig,
  bus: { prefix: string; kafka: ReturnType<typeof createKafka> },
  resyncMs = 600_000,
) {
  const redis = new Redis(process.env.EPIC_REDIS_URL ?? '', { lazyConnect: true });
  await redis.connect();
  const publisher = createEventPublisher({
    kafka: bus.kafka,
    prefix: bus.prefix,
    logger: testLogger,
  });
  await publisher.connect();
  const registry = new Registry();
  const metrics = ingestMetrics(registry);
  const make = () =>
    new Ingest({
      kc,
      sink: publisher,
      redis,
      prefix: bus.prefix,
      logger: testLogger,
      metrics,
      resyncMs,
    });
  let ingest = make();
  const listed = async () => (await metrics.relists.get()).values.reduce((n, v) => n + v.value, 0);
  const waitListed = async (atLeast: number) =>
    eventually('every collection listed', async () =>
      (await listed()) >= atLeast ? true : undefined,
    );
  await ingest.start();
  await waitListed(11);
  return {
    id: randomUUID(),
    metrics,
    /** Stops and starts a new Ingest (as a restarted process would), waiting for its lists. */
    async restart() {
      await ingest.stop();
      const before = await listed();
      ingest = make();
      await ingest.start();
      await waitListed(before + 11);
    },
    stopOnly: () => ingest.stop(),
    async close() {
      await ingest.stop();
      await publisher.disconnect();
      await redis.del(publishedStateKey(bus.prefix));
      await redis.quit();
    },
  };
}
