// One publish may carry a whole relist: 5,000 events (several MiB, past the broker's 1 MiB
// batch limit) go out in one call and all arrive, in order per key.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deriveEvents, type DomainEvent } from '@epic/events';
import { createLogger } from '@epic/logging';
import { createEventPublisher } from './event-publisher.js';
import { createKafka } from './kafka-client.js';
import { readMessages } from './read-messages.js';
import { deleteTopicsWithPrefix, ensureTopics } from './topic-admin.js';

const prefix = `t-${randomBytes(4).toString('hex')}`;
const logger = createLogger({ app: 'large-publish-test', level: 'warn' });
const kafka = createKafka({
  brokers: (process.env.EPIC_KAFKA_BROKERS ?? '').split(','),
  clientId: prefix,
  logger,
});

beforeAll(async () => {
  await ensureTopics({ kafka, prefix, log: logger });
}, 60_000);
afterAll(async () => {
  await deleteTopicsWithPrefix({ kafka, prefix, log: logger });
});

function accountCreated(n: number): DomainEvent[] {
  const result = deriveEvents({
    kind: 'Account',
    new: {
      apiVersion: 'epic.acnodal.io/v1',
      kind: 'Account',
      metadata: {
        namespace: 'epic-big',
        name: `a-${n}`,
        uid: `uid-${n}`,
        resourceVersion: String(n + 1),
        annotations: { padding: 'p'.repeat(600) },
      },
      spec: {},
    },
    newId: () => crypto.randomUUID(),
    now: new Date(),
  });
  if (!result.ok) throw new Error('test object is invalid');
  return result.events;
}

it('publishes 5,000 events (several MiB) in one call', { timeout: 120_000 }, async () => {
  const events = Array.from({ length: 5000 }, (_, n) => accountCreated(n)).flat();
  const bytes = events.reduce((sum, e) => sum + JSON.stringify(e).length, 0);
  expect(bytes).toBeGreaterThan(3 * 1024 * 1024);
  const publisher = createEventPublisher({ kafka, prefix, logger });
  await publisher.connect();
  try {
    await publisher.publish(events);
  } finally {
    await publisher.disconnect();
  }
  const read = await readMessages({
    kafka,
    topic: `${prefix}.epic.v1.accounts`,
    count: 5000,
    timeoutMs: 60_000,
  });
  expect(read).toHaveLength(5000);
});
