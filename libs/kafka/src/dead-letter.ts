import {
  deadLetterHeaders,
  dlqTopicName,
  type ConsumerGroup,
  type DeadLetterReason,
} from '@epic/events';
import type { Logger } from '@epic/logging';
import { orderedProducer, type KafkaClient } from './kafka-client.js';

export type { DeadLetterReason } from '@epic/events';

/** Message headers as a Kafka client hands them over. */
export type RawHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

/** One message for a group's dead-letter topic. */
export interface DeadLetter {
  group: ConsumerGroup;
  /** The topic the message was read from. */
  sourceTopic: string;
  reason: DeadLetterReason;
  /** One line: why. */
  message: string;
  /** The original key and bytes, unchanged, so the message can be replayed. */
  key: Buffer | string | null;
  value: Buffer | string | null;
  /** The original headers; the dead-letter headers are added over them. */
  headers?: RawHeaders;
}

export interface DeadLetterPublisher {
  connect(): Promise<void>;
  send(letter: DeadLetter): Promise<void>;
  disconnect(): Promise<void>;
}

// Headers are for people and tools, not for carrying a whole stack trace.
const maxMessageLength = 2000;

/** The dead-letter headers (epic-dlq-reason, -message, -group, -source-topic). */
export function deadLetterRecordHeaders(letter: DeadLetter): Record<string, string> {
  const message = letter.message.slice(0, maxMessageLength);
  const { group, sourceTopic, reason } = letter;
  return deadLetterHeaders({ group, sourceTopic, error: { reason, message } });
}

export function createDeadLetterPublisher(options: {
  kafka: KafkaClient;
  prefix: string;
  logger: Logger;
}): DeadLetterPublisher {
  const log = options.logger.child({ component: 'dead-letter' });
  const producer = orderedProducer(options.kafka);
  return {
    connect: () => producer.connect(),
    disconnect: () => producer.disconnect(),
    async send(letter) {
      const topic = dlqTopicName(letter.group, options.prefix);
      const headers = { ...letter.headers, ...deadLetterRecordHeaders(letter) };
      try {
        await producer.send({
          topic,
          acks: -1,
          messages: [{ key: letter.key, value: letter.value, headers }],
        });
      } catch (err) {
        throw new Error(`dead-lettering a message from ${letter.sourceTopic} to ${topic} failed`, {
          cause: err,
        });
      }
      log.warn(
        { topic, sourceTopic: letter.sourceTopic, reason: letter.reason, why: letter.message },
        'message dead-lettered',
      );
    },
  };
}
