import { Kafka, Partitioners, type Producer } from 'kafkajs';
import type { Logger } from '@epic/logging';
import { kafkaLogCreator, kafkaLogLevelFor } from './kafka-log.js';

/**
 * A handle on the cluster. Deliberately opaque: only this lib knows it is kafkajs underneath,
 * so swapping the client (platformatic, confluent) stays inside libs/kafka.
 */
export interface KafkaClient {
  readonly clientId: string;
  readonly brokers: readonly string[];
  readonly logger: Logger;
}

const clients = new WeakMap<KafkaClient, Kafka>();

export interface CreateKafkaOptions {
  brokers: readonly string[];
  clientId: string;
  logger: Logger;
}

export function createKafka(options: CreateKafkaOptions): KafkaClient {
  if (options.brokers.length === 0) throw new Error('createKafka: no brokers given');
  const logger = options.logger.child({ component: 'kafka' });
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logCreator: kafkaLogCreator(logger),
    logLevel: kafkaLogLevelFor(logger),
  });
  const client: KafkaClient = {
    clientId: options.clientId,
    brokers: [...options.brokers],
    logger,
  };
  clients.set(client, kafka);
  return client;
}

/** The kafkajs client behind a handle; internal to this lib. */
export function kafkajsOf(client: KafkaClient): Kafka {
  const kafka = clients.get(client);
  if (kafka === undefined) throw new Error('not a KafkaClient made by createKafka');
  return kafka;
}

/**
 * The producer every writer here uses: idempotent, one request in flight (so retries cannot
 * reorder a partition), never creating topics by accident.
 */
export function orderedProducer(client: KafkaClient): Producer {
  return kafkajsOf(client).producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}
