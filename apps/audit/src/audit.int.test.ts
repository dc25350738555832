// The audit worker in-process on its own topic prefix: two published events become two lines.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DomainEvent } from '@epic/events';
import { sampleEvents } from '@epic/events/testdata';
import {
  createEventPublisher,
  createKafka,
  deleteConsumerGroupsWithPrefix,
  deleteTopicsWithPrefix,
  ensureTopics,
} from '@epic/kafka';
import { createLogger } from '@epic/logging';
import { obliterateWorkerQueue, type WorkerConfig, type WorkerHandle } from '@epic/worker-runtime';
import { formatEvent } from './format-event.js';
import { runAudit } from './run-audit.js';

const config: WorkerConfig = {
  kafkaBrokers: (process.env.EPIC_KAFKA_BROKERS ?? '').split(','),
  redisUrl: process.env.EPIC_REDIS_URL ?? '',
  topicPrefix: `t-${randomBytes(6).toString('hex')}`,
  httpPort: 0,
  logLevel: 'warn',
};
const logger = createLogger({ app: 'audit-int-test', level: config.logLevel });
const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'audit-int-test', logger });
const prefix = config.topicPrefix;
const lines: string[] = [];
let worker: WorkerHandle | undefined;

beforeAll(async () => {
  await ensureTopics({ kafka, prefix, log: logger });
  worker = await runAudit({ config, logger, write: (line) => lines.push(line) });
});

afterAll(async () => {
  await worker?.stop();
  if (worker)
    await obliterateWorkerQueue({ redisUrl: config.redisUrl, queueName: worker.queueName });
  await deleteConsumerGroupsWithPrefix({ kafka, prefix, log: logger });
  await deleteTopicsWithPrefix({ kafka, prefix, log: logger });
});

it('prints one line per published event', async () => {
  const pick = (type: DomainEvent['type']) => sampleEvents().find((e) => e.type === type);
  const events = [pick('LoadBalancerChanged'), pick('ProxyPodReady')].filter(
    (e): e is DomainEvent => e !== undefined,
  );
  const publisher = createEventPublisher({ kafka, prefix, logger });
  await publisher.connect();
  try {
    await publisher.publish(events);
  } finally {
    await publisher.disconnect();
  }
  const deadline = Date.now() + 30_000;
  while (lines.length < events.length && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(lines.sort()).toEqual(events.map(formatEvent).sort());
});
