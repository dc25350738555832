// The runtime against the real Kafka and Redis: de-duplication by event id, retries, dead
// letters after a permanent failure, the HTTP endpoints and shutdown. Each describe has its
// own topic prefix (so its own topics, consumer group and queue) and removes them afterwards.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dlqTopicName, eventHeaders, type ConsumerGroup, type DomainEvent } from '@epic/events';
import { sampleEvents } from '@epic/events/testdata';
import {
  createEventPublisher,
  createKafka,
  deleteConsumerGroupsWithPrefix,
  deleteTopicsWithPrefix,
  ensureTopics,
  readMessages,
} from '@epic/kafka';
import { createLogger } from '@epic/logging';
import type { EventHandler } from './event-job.js';
import { counterValue, type WorkerMetrics } from './metrics.js';
import { PermanentError } from './permanent-error.js';
import { obliterateWorkerQueue } from './queue-admin.js';
import { startWorker, type WorkerHandle } from './start-worker.js';

const brokers = (process.env.EPIC_KAFKA_BROKERS ?? '').split(',');
const redisUrl = process.env.EPIC_REDIS_URL ?? '';
const logger = createLogger({
  app: 'worker-runtime-int-test',
  level: 'warn',
});
const kafka = createKafka({ brokers, clientId: 'worker-runtime-int-test', logger });

function sample(type: DomainEvent['type']): DomainEvent {
  const event = sampleEvents().find((e) => e.type === type);
  if (event === undefined) throw new Error(`no sample ${type}`);
  return event;
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type Counter = Exclude<keyof WorkerMetrics, 'registry' | 'handlerSeconds'>;

/** One worker on its own prefix: start, publish, read metrics, clean up. */
function harness(
  group: ConsumerGroup,
  handler: EventHandler,
  wants?: (event: DomainEvent) => boolean,
) {
  const prefix = `t-${randomBytes(6).toString('hex')}`;
  let worker: WorkerHandle | undefined;
  const h = {
    prefix,
    get worker(): WorkerHandle {
      if (worker === undefined) throw new Error('worker not started');
      return worker;
    },
    async start() {
      await ensureTopics({ kafka, prefix, log: logger });
      worker = await startWorker({
        name: 'worker-runtime-test',
        group,
        prefix,
        kafkaBrokers: brokers,
        redisUrl,
        handler,
        ...(wants ? { wants } : {}),
        backoffMs: 20,
        httpPort: 0,
        httpHost: '127.0.0.1',
        logger,
      });
    },
    async publish(...events: DomainEvent[]) {
      const publisher = createEventPublisher({ kafka, prefix, logger });
      await publisher.connect();
      try {
        for (const event of events) await publisher.publish([event]);
      } finally {
        await publisher.disconnect();
      }
    },
    count(counter: Counter, labels: Record<string, string>) {
      return counterValue(h.worker.metrics[counter], { group, ...labels });
    },
    async cleanUp() {
      await worker?.stop();
      if (worker !== undefined)
        await obliterateWorkerQueue({ redisUrl, queueName: worker.queueName });
      await deleteConsumerGroupsWithPrefix({ kafka, prefix, log: logger });
      await deleteTopicsWithPrefix({ kafka, prefix, log: logger });
    },
  };
  return h;
}

describe('a running worker', () => {
  const event = sample('LoadBalancerRequested');
  const calls: string[] = [];
  const h = harness('address-allocator', (e) => {
    calls.push(e.id);
    return Promise.resolve();
  });
  const url = (path: string) => `http://127.0.0.1:${h.worker.port}${path}`;
  beforeAll(() => h.start());
  afterAll(() => h.cleanUp());

  it('runs the handler once for an event delivered twice', async () => {
    await h.publish(event, event);
    const type = event.type;
    await until('both deliveries queued', async () => (await h.count('consumed', { type })) === 2);
    await until('the handler', async () => (await h.count('handled', { type })) === 1);
    expect(calls).toEqual([event.id]);
  });

  it('answers /healthz, /readyz (once joined) and /metrics', async () => {
    expect((await fetch(url('/healthz'))).status).toBe(200);
    await until('ready', async () => (await fetch(url('/readyz'))).status === 200);
    const metrics = await (await fetch(url('/metrics'))).text();
    expect(metrics).toContain(
      'epic_events_handled_total{group="address-allocator",type="LoadBalancerRequested"} 1',
    );
    expect(metrics).toContain('epic_event_handler_seconds_bucket');
    expect(metrics).toContain('process_cpu_user_seconds_total');
    expect((await fetch(url('/nope'))).status).toBe(404);
  });

  it('stops, after which /healthz no longer answers', async () => {
    const healthz = url('/healthz');
    await h.worker.stop();
    expect(await h.worker.isReady()).toBe(false);
    await expect(fetch(healthz)).rejects.toThrow();
  });
});

describe('a worker that wants some event types only', () => {
  const calls: string[] = [];
  const h = harness(
    'address-allocator',
    (e) => {
      calls.push(e.type);
      return Promise.resolve();
    },
    (e) => e.type === 'LoadBalancerRequested',
  );
  beforeAll(() => h.start());
  afterAll(() => h.cleanUp());

  it('acknowledges the others without making them jobs', async () => {
    await h.publish(sample('LoadBalancerChanged'), sample('LoadBalancerRequested'));
    const type = 'LoadBalancerRequested';
    await until('the wanted event handled', async () => (await h.count('handled', { type })) === 1);
    expect(calls).toEqual(['LoadBalancerRequested']);
    expect(await h.count('consumed', { type: 'LoadBalancerChanged' })).toBe(1);
  });
});

describe('a handler that fails twice, then succeeds', () => {
  const event = sample('AccountCreated');
  let calls = 0;
  const h = harness('id-allocator', (e) => {
    if (e.id !== event.id) return Promise.resolve();
    calls++;
    return calls <= 2 ? Promise.reject(new Error(`flaky ${calls}`)) : Promise.resolve();
  });
  beforeAll(() => h.start());
  afterAll(() => h.cleanUp());

  it('is retried with backoff until it succeeds', async () => {
    await h.publish(event);
    const type = event.type;
    await until('the handler to succeed', async () => (await h.count('handled', { type })) === 1);
    expect(calls).toBe(3);
    expect(await h.count('retried', { type })).toBe(2);
    expect(await h.count('deadLettered', { reason: 'handler-failed' })).toBe(0);
  });
});

describe('a handler that fails permanently', () => {
  const event = sample('ProxyRequested');
  let calls = 0;
  const h = harness('tunnel-programmer', (e) => {
    if (e.id !== event.id) return Promise.resolve();
    calls++;
    return Promise.reject(new PermanentError('spec.public-address is not in any pool'));
  });
  beforeAll(() => h.start());
  afterAll(() => h.cleanUp());

  it('is dead-lettered after one attempt with reason handler-failed', async () => {
    await h.publish(event);
    const [letter] = await readMessages({
      kafka,
      topic: dlqTopicName('tunnel-programmer', h.prefix),
      count: 1,
    });
    expect(letter?.headers).toMatchObject({
      [eventHeaders.dlqReason]: 'handler-failed',
      [eventHeaders.dlqGroup]: 'tunnel-programmer',
      [eventHeaders.type]: event.type,
    });
    expect(letter?.headers[eventHeaders.dlqMessage]).toMatch(/not in any pool/);
    expect(JSON.parse(letter?.value?.toString() ?? '')).toEqual(event);
    expect(calls).toBe(1);
    expect(await h.count('deadLettered', { reason: 'handler-failed' })).toBe(1);
    expect(await h.count('retried', { type: event.type })).toBe(0);
  });
});
