import { eventRecord, type DomainEvent, type EventRecord } from '@epic/events';
import { Partitioners, type Producer, type TopicMessages } from 'kafkajs';
import type { Logger } from '@epic/logging';
import { kafkajsOf, type KafkaClient } from './kafka-client.js';

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

export function createEventPublisher(options: CreateEventPublisherOptions): EventPublisher {
  const log = options.logger.child({ component: 'event-publisher' });
  const producer: Producer = kafkajsOf(options.kafka).producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  return {
    connect: () => producer.connect(),
    disconnect: () => producer.disconnect(),
    async publish(events) {
      if (events.length === 0) return;
      // Every record is built (and parsed) before anything is sent: an invalid event fails
      // the whole call without publishing part of it.
      const records = events.map((event) => recordOf(event, options.prefix));
      const batch = topicMessages(records);
      try {
        await producer.sendBatch({ acks: -1, topicMessages: batch });
      } catch (err) {
        const topics = batch.map(({ topic }) => topic);
        throw new PublishError(
          events.map((e) => e.id),
          topics,
          err,
        );
      }
      log.debug({ count: events.length, eventIds: events.map((e) => e.id) }, 'events published');
    },
  };
}
