import {
  consumerGroupId,
  decodeDomainEvent,
  subscribedTopics,
  type ConsumerGroup,
  type DomainEvent,
} from '@epic/events';
import type { Consumer, EachMessagePayload } from 'kafkajs';
import type { Logger } from '@epic/logging';
import {
  createDeadLetterPublisher,
  type DeadLetterPublisher,
  type DeadLetterReason,
} from './dead-letter.js';
import { kafkajsOf, type KafkaClient } from './kafka-client.js';

/** Where a delivered event came from. */
export interface EventMeta {
  topic: string;
  partition: number;
  offset: string;
  key: string | undefined;
}

/** Counters the consumer reports to; the worker runtime backs them with Prometheus. */
export interface ConsumerMetrics {
  /** An event was handed to `onEvent` and it resolved. */
  consumed?(labels: { group: ConsumerGroup; type: string }): void;
  /** A message could not be decoded and went to the dead-letter topic. */
  deadLettered?(labels: { group: ConsumerGroup; reason: DeadLetterReason }): void;
}

export interface RunEventConsumerOptions {
  kafka: KafkaClient;
  group: ConsumerGroup;
  /** '' for none. */
  prefix: string;
  logger: Logger;
  /**
   * Called once per decoded event, in partition order. Keep it short (enqueue, do not work):
   * heartbeats only go out between messages. A throw makes kafkajs retry the message.
   */
  onEvent: (event: DomainEvent, meta: EventMeta) => Promise<void>;
  metrics?: ConsumerMetrics;
  /** Where a new group starts; default true (handlers are idempotent, history is cheap). */
  fromBeginning?: boolean;
  /**
   * How long the broker holds an empty fetch; default 1000. stop() waits for the fetch in
   * flight, so this bounds shutdown (kafkajs' own 5000 made every stop take 5 s).
   */
  maxWaitTimeMs?: number;
}

export interface EventConsumer {
  /** Leaves the group (committing what was processed) and disconnects. Idempotent. */
  stop(): Promise<void>;
  /** Rejects when kafkajs gives up on the consumer (CRASH with restart=false): exit on it. */
  readonly crashed: Promise<never>;
  /** True between joining the group and a crash or stop. */
  isJoined(): boolean;
}

export class ConsumerCrashedError extends Error {
  readonly retriable = false;
  constructor(groupId: string, cause: unknown) {
    super(`Kafka consumer of group ${groupId} crashed and will not restart`, { cause });
    this.name = 'ConsumerCrashedError';
  }
}

interface Context {
  options: RunEventConsumerOptions;
  log: Logger;
  deadLetters: DeadLetterPublisher;
}

async function handleMessage(ctx: Context, payload: EachMessagePayload): Promise<void> {
  const { topic, partition, message } = payload;
  const { group, metrics, onEvent } = ctx.options;
  const decoded = decodeDomainEvent(message.value?.toString('utf8') ?? '');
  if (!decoded.ok) {
    // A poison message never blocks its partition: park it with its original bytes, and the
    // offset is committed as processed once this returns.
    const { reason, message: why } = decoded.error;
    await ctx.deadLetters.send({
      group,
      sourceTopic: topic,
      reason,
      message: why,
      key: message.key,
      value: message.value,
      headers: message.headers,
    });
    metrics?.deadLettered?.({ group, reason });
    return;
  }
  const meta = { topic, partition, offset: message.offset, key: message.key?.toString('utf8') };
  await onEvent(decoded.event, meta);
  metrics?.consumed?.({ group, type: decoded.event.type });
}

function watchGroup(consumer: Consumer, log: Logger, groupId: string) {
  let joined = false;
  let rejectCrashed: (err: Error) => void = () => undefined;
  const crashed = new Promise<never>((_resolve, reject) => {
    rejectCrashed = reject;
  });
  // Whoever awaits `crashed` sees the rejection; nobody awaiting it is not an unhandled one.
  crashed.catch(() => undefined);
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    joined = true;
    log.info(
      { groupId, memberId: payload.memberId, assignment: payload.memberAssignment },
      'joined',
    );
  });
  consumer.on(consumer.events.STOP, () => {
    joined = false;
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    joined = false;
    if (payload.restart) {
      log.warn({ err: payload.error, groupId }, 'consumer crashed; kafkajs restarts it');
      return;
    }
    log.error({ err: payload.error, groupId }, 'consumer crashed and will not restart');
    rejectCrashed(new ConsumerCrashedError(groupId, payload.error));
  });
  return { crashed, isJoined: () => joined };
}

/**
 * Consumes a group's topics (`subscribedTopics(group, prefix)`), decodes every message with
 * `decodeDomainEvent`, hands events to `onEvent` and dead-letters the rest to
 * `dlqTopicName(group, prefix)`. Offsets are committed only for messages whose `onEvent` (or
 * dead-lettering) resolved: at-least-once.
 */
export async function runEventConsumer(options: RunEventConsumerOptions): Promise<EventConsumer> {
  const { kafka, group, prefix } = options;
  const groupId = consumerGroupId(group, prefix);
  const log = options.logger.child({ component: 'event-consumer', group });
  const deadLetters = createDeadLetterPublisher({ kafka, prefix, logger: options.logger });
  const consumer = kafkajsOf(kafka).consumer({
    groupId,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: options.maxWaitTimeMs ?? 1000,
    // A replica that dies (kill -9, node loss) holds its partitions until its session times
    // out, and a rebalance waits for it: 10 s instead of kafkajs's 30 s. Safe because a
    // message's handling only enqueues it (milliseconds), so heartbeats are never starved.
    sessionTimeout: 10_000,
    rebalanceTimeout: 20_000,
    heartbeatInterval: 1_000,
  });
  const watch = watchGroup(consumer, log, groupId);
  const ctx: Context = { options, log, deadLetters };
  const topics = subscribedTopics(group, prefix);

  await deadLetters.connect();
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: options.fromBeginning ?? true });
  } catch (err) {
    await Promise.allSettled([consumer.disconnect(), deadLetters.disconnect()]);
    throw new Error(`subscribing group ${groupId} failed; do its topics exist (ensureTopics)?`, {
      cause: err,
    });
  }
  await consumer.run({ eachMessage: (payload) => handleMessage(ctx, payload) });
  log.info({ groupId, topics }, 'consuming');

  let stopping: Promise<void> | undefined;
  return {
    crashed: watch.crashed,
    isJoined: watch.isJoined,
    stop() {
      stopping ??= (async () => {
        await consumer.disconnect();
        await deadLetters.disconnect();
        log.info({ groupId }, 'consumer stopped');
      })();
      return stopping;
    },
  };
}
