import { eventRecord, type DomainEvent, type EventRecord } from '@epic/events';
import type { TopicMessages } from 'kafkajs';
import type { Logger } from '@epic/logging';
import { orderedProducer, type KafkaClient } from './kafka-client.js';

/**
 * Publishes domain events. `publish` resolves only once Kafka acknowledged every record
 * (acks=-1, idempotent producer, one request in flight so order per partition holds); it
 * throws otherwise, so a caller may advance its checkpoint only after it resolves.
 */
export interface EventPublisher {
  connect(): Promise<void>;
  publish(events: readonly DomainEvent[]): Promise<void>;
  disconnect(): Promise<void>;
}

export interface CreateEventPublisherOptions {
  kafka: KafkaClient;
  /** '' for none. */
  prefix: string;
  logger: Logger;
}

/** Kafka did not acknowledge a batch: none of it may be assumed published. */
export class PublishError extends Error {
  readonly retriable = true;
  constructor(
    readonly eventIds: readonly string[],
    readonly topics: readonly string[],
    cause: unknown,
  ) {
    super(
      `publishing ${eventIds.length} event(s) to ${topics.join(', ')} failed ` +
        `(first ${eventIds[0] ?? '-'}); Kafka did not acknowledge them all`,
      { cause },
    );
    this.name = 'PublishError';
  }
}

/** An event that fails its own schema: a bug in the producer, never retried. */
export class InvalidEventError extends Error {
  readonly retriable = false;
  constructor(event: Pick<DomainEvent, 'id' | 'type'>, cause: unknown) {
    super(`event ${event.id} (${event.type}) does not match its schema; not published`, {
      cause,
    });
    this.name = 'InvalidEventError';
  }
}

function recordOf(event: DomainEvent, prefix: string): EventRecord {
  try {
    return eventRecord(event, prefix);
  } catch (err) {
    throw new InvalidEventError(event, err);
  }
}

/** Records grouped per topic, in event order within each topic. */
function topicMessages(records: readonly EventRecord[]): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages>();
  for (const { topic, key, value, headers } of records) {
    const entry = byTopic.get(topic) ?? { topic, messages: [] };
    entry.messages.push({ key, value, headers });
    byTopic.set(topic, entry);
  }
  return [...byTopic.values()];
}

/**
 * The broker refuses a record batch over `message.max.bytes` (1 MiB by default), and one
 * publish may carry a whole relist (10,000 objects). Sends go out in chunks of at most this
 * many bytes of payload, in order; with one request in flight, order per partition holds.
 */
export const maxChunkBytes = 512 * 1024;

/** Consecutive runs of records whose payloads add up to at most `limit` bytes (at least one each). */
export function chunkRecords(
  records: readonly EventRecord[],
  limit = maxChunkBytes,
): EventRecord[][] {
  const chunks: EventRecord[][] = [];
  let current: EventRecord[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = Buffer.byteLength(record.value) + Buffer.byteLength(record.key) + 64;
    if (current.length > 0 && bytes + size > limit) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(record);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export function createEventPublisher(options: CreateEventPublisherOptions): EventPublisher {
  const log = options.logger.child({ component: 'event-publisher' });
  const producer = orderedProducer(options.kafka);
  return {
    connect: () => producer.connect(),
    disconnect: () => producer.disconnect(),
    async publish(events) {
      if (events.length === 0) return;
      // Every record is built (and parsed) before anything is sent: an invalid event fails
      // the whole call without publishing part of it.
      const records = events.map((event) => recordOf(event, options.prefix));
      // A failure part-way leaves the earlier chunks published: the caller retries the whole
      // call (at least once), so those become duplicates, never losses.
      for (const chunk of chunkRecords(records)) {
        const batch = topicMessages(chunk);
        try {
          await producer.sendBatch({ acks: -1, topicMessages: batch });
        } catch (err) {
          throw new PublishError(
            events.map((e) => e.id),
            batch.map(({ topic }) => topic),
            err,
          );
        }
      }
      log.debug({ count: events.length, eventIds: events.map((e) => e.id) }, 'events published');
    },
  };
}
