// @epic/kafka: the Kafka adapter. The only project that imports kafkajs; everything else
// passes a KafkaClient handle around, so a client swap stays here.
export * from './dead-letter.js';
export * from './event-consumer.js';
export * from './event-publisher.js';
export { createKafka, type CreateKafkaOptions, type KafkaClient } from './kafka-client.js';
export { kafkaLogCreator, kafkaLogLevelFor } from './kafka-log.js';
export * from './read-messages.js';
export * from './topic-admin.js';
