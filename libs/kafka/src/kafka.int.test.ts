// The adapter against the real broker: topics, publishing with keys and headers, and the
// consumer's dead-letter path (a poison message never blocks its partition).
import { randomBytes } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consumerGroupId,
  dlqTopicName,
  eventHeaders,
  eventRecord,
  partitionKey,
  topicName,
  topicPlan,
  type DomainEvent,
} from '@epic/events';
import { sampleEvents } from '@epic/events/testdata';
import { createLogger } from '@epic/logging';
import { runEventConsumer } from './event-consumer.js';
import { createEventPublisher } from './event-publisher.js';
import { createKafka, kafkajsOf } from './kafka-client.js';
import { readMessages } from './read-messages.js';
import {
  committedOffsets,
  deleteConsumerGroupsWithPrefix,
  deleteTopicsWithPrefix,
  ensureTopics,
} from './topic-admin.js';

const prefix = `t-${randomBytes(6).toString('hex')}`;
const logger = createLogger({ app: 'kafka-int-test', level: 'warn' });
const kafka = createKafka({
  brokers: (process.env.EPIC_KAFKA_BROKERS ?? '').split(','),
  clientId: 'kafka-int-test',
  logger,
});
const samples = sampleEvents();

function sample<T extends DomainEvent['type']>(type: T): DomainEvent {
  const event = samples.find((e) => e.type === type);
  if (event === undefined) throw new Error(`no sample ${type}`);
  return event;
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  await ensureTopics({ kafka, prefix, log: logger });
});

afterAll(async () => {
  await deleteConsumerGroupsWithPrefix({ kafka, prefix, log: logger });
  await deleteTopicsWithPrefix({ kafka, prefix, log: logger });
});

describe('ensureTopics', () => {
  it('creates every planned topic once; a second call creates nothing', async () => {
    expect(await ensureTopics({ kafka, prefix, log: logger })).toEqual([]);
    const admin = kafkajsOf(kafka).admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      for (const { topic } of topicPlan(prefix)) expect(existing).toContain(topic);
    } finally {
      await admin.disconnect();
    }
  });
});

describe('createEventPublisher', () => {
  it('publishes each event to its family topic with key ns/name and type headers', async () => {
    const events = [
      sample('LoadBalancerRequested'),
      sample('AccountCreated'),
      sample('RouteAdded'),
    ];
    const publisher = createEventPublisher({ kafka, prefix, logger });
    await publisher.connect();
    try {
      await publisher.publish(events);
    } finally {
      await publisher.disconnect();
    }
    for (const event of events) {
      const { topic } = eventRecord(event, prefix);
      const [message] = await readMessages({ kafka, topic, count: 1 });
      expect(message?.key?.toString()).toBe(partitionKey(event.source));
      expect(message?.headers).toMatchObject({
        [eventHeaders.type]: event.type,
        [eventHeaders.version]: String(event.version),
      });
      expect(JSON.parse(message?.value?.toString() ?? '')).toEqual(event);
    }
  });

  it('refuses an invalid event without publishing any of the batch', async () => {
    const publisher = createEventPublisher({ kafka, prefix, logger });
    await publisher.connect();
    try {
      const broken = { ...sample('ProxyRequested'), id: 'not-a-uuid' } as DomainEvent;
      await expect(publisher.publish([broken])).rejects.toThrow(/does not match its schema/);
    } finally {
      await publisher.disconnect();
    }
  });
});

describe('runEventConsumer', () => {
  it('dead-letters garbage with its bytes and key, then delivers the next event of the partition', async () => {
    const group = 'tunnel-programmer' as const;
    const topic = topicName('remote-endpoints', prefix);
    const garbage = Buffer.from([0xff, 0x00, 0x7b, 0x21, 0xfe]);
    const valid = sample('RemoteEndpointAdded');
    const record = eventRecord(valid, prefix);
    expect(record.topic).toBe(topic);

    const producer = kafkajsOf(kafka).producer({
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    try {
      await producer.send({
        topic,
        messages: [
          { partition: 0, key: record.key, value: garbage },
          { partition: 0, key: record.key, value: record.value, headers: record.headers },
        ],
      });
    } finally {
      await producer.disconnect();
    }

    const received: DomainEvent[] = [];
    const deadLettered: string[] = [];
    const consumer = await runEventConsumer({
      kafka,
      group,
      prefix,
      logger,
      onEvent: (event) => {
        received.push(event);
        return Promise.resolve();
      },
      metrics: { deadLettered: ({ reason }) => deadLettered.push(reason) },
    });
    try {
      await until('the valid event', () => received.find((e) => e.id === valid.id));
      expect(consumer.isJoined()).toBe(true);
    } finally {
      await consumer.stop();
    }
    expect(deadLettered).toEqual(['not-json']);

    const [letter] = await readMessages({ kafka, topic: dlqTopicName(group, prefix), count: 1 });
    expect(letter?.value).toEqual(garbage);
    expect(letter?.key?.toString()).toBe(record.key);
    expect(letter?.headers).toMatchObject({
      [eventHeaders.dlqReason]: 'not-json',
      [eventHeaders.dlqGroup]: group,
      [eventHeaders.dlqSourceTopic]: topic,
    });
    expect(letter?.headers[eventHeaders.dlqMessage]).toMatch(/not JSON/);

    // Both messages of partition 0 count as processed: the next member starts after them.
    const offsets = await committedOffsets({
      kafka,
      groupId: consumerGroupId(group, prefix),
      topic,
    });
    expect(offsets.get(0)).toBe('2');
  });
});
