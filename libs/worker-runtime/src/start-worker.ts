import { Queue, Worker } from 'bullmq';
import { consumerGroupId, partitionKey, type ConsumerGroup, type DomainEvent } from '@epic/events';
import {
  createDeadLetterPublisher,
  createKafka,
  runEventConsumer,
  type DeadLetterPublisher,
  type EventConsumer,
  type EventMeta,
  type KafkaClient,
} from '@epic/kafka';
import type { Logger } from '@epic/logging';
import type { Registry } from 'prom-client';
import {
  jobRetention,
  processEventJob,
  type EventHandler,
  type EventJobData,
} from './event-job.js';
import { startHealthServer, type HealthServer } from './health-server.js';
import { jobIdFor } from './job-id.js';
import { createWorkerMetrics, type WorkerMetrics } from './metrics.js';
import {
  closeRedis,
  createRedisConnections,
  redisAnswers,
  type RedisConnections,
} from './redis-connections.js';
import { runShutdown, type ShutdownStep } from './shutdown.js';

export interface StartWorkerOptions {
  /** The app, for logs, the Kafka client id and the BullMQ worker name. */
  name: string;
  group: ConsumerGroup;
  /** Topic prefix; '' for none. */
  prefix: string;
  kafkaBrokers: readonly string[];
  redisUrl: string;
  handler: EventHandler;
  /**
   * Events the handler acts on; the rest are acknowledged without becoming jobs (a worker
   * subscribes to whole topics but may care about a few event types). Default: all.
   */
  wants?: (event: DomainEvent) => boolean;
  /** Jobs run at once; default 1 (queue order, apart from retries). */
  concurrency?: number;
  /** Handler runs per event before it is dead-lettered; default 5. */
  attempts?: number;
  /** First retry delay, doubled per retry; default 1000. */
  backoffMs?: number;
  /** Health and metrics port; default 8080, 0 for an ephemeral one. */
  httpPort?: number;
  httpHost?: string;
  /** Bound on stop(); default 30 s. */
  shutdownTimeoutMs?: number;
  logger: Logger;
}

export interface WorkerHandle {
  /** The port of /healthz, /readyz and /metrics. */
  readonly port: number;
  /** The BullMQ queue (`consumerGroupId(group, prefix)`). */
  readonly queueName: string;
  readonly registry: Registry;
  readonly metrics: WorkerMetrics;
  /** Rejects when the Kafka consumer crashed for good: exit non-zero on it. */
  readonly crashed: Promise<never>;
  isReady(): Promise<boolean>;
  /** Stop consuming, let the running job finish, close everything; bounded. Idempotent. */
  stop(): Promise<void>;
}

interface Resources {
  queueName: string;
  metrics: WorkerMetrics;
  kafka: KafkaClient;
  redis: RedisConnections;
  deadLetters: DeadLetterPublisher;
  queue?: Queue<EventJobData>;
  worker?: Worker<EventJobData>;
  server?: HealthServer;
  consumer?: EventConsumer;
}

function createResources(options: StartWorkerOptions, log: Logger): Resources {
  const kafka = createKafka({
    brokers: options.kafkaBrokers,
    clientId: options.name,
    logger: options.logger,
  });
  return {
    queueName: consumerGroupId(options.group, options.prefix),
    metrics: createWorkerMetrics(),
    kafka,
    redis: createRedisConnections(options.redisUrl, log),
    deadLetters: createDeadLetterPublisher({
      kafka,
      prefix: options.prefix,
      logger: options.logger,
    }),
  };
}

function shutdownSteps(res: Resources): ShutdownStep[] {
  return [
    { name: 'kafka consumer', run: async () => res.consumer?.stop() },
    { name: 'bullmq worker', run: async () => res.worker?.close() },
    { name: 'bullmq queue', run: async () => res.queue?.close() },
    { name: 'dead-letter producer', run: () => res.deadLetters.disconnect() },
    {
      name: 'redis',
      run: () => Promise.all([closeRedis(res.redis.queue), closeRedis(res.redis.worker)]),
    },
    { name: 'http server', run: async () => res.server?.close() },
  ];
}

async function forceClose(res: Resources): Promise<void> {
  res.redis.queue.disconnect();
  res.redis.worker.disconnect();
  await Promise.allSettled([res.worker?.close(true), res.server?.close()]);
}

async function enqueue(
  queue: Queue<EventJobData>,
  log: Logger,
  event: DomainEvent,
  delivery: EventMeta,
) {
  const jobId = jobIdFor(event.id);
  // An existing job with this id (queued, running, or finished within jobRetention) makes
  // this a no-op: that is the de-duplication of repeated deliveries.
  await queue.add(event.type, { event, delivery }, { jobId });
  log.debug(
    { eventId: event.id, type: event.type, ref: partitionKey(event.source), jobId },
    'event queued',
  );
}

async function startQueueAndWorker(res: Resources, options: StartWorkerOptions, log: Logger) {
  await Promise.all([
    res.redis.queue.connect(),
    res.redis.worker.connect(),
    res.deadLetters.connect(),
  ]);
  res.queue = new Queue<EventJobData>(res.queueName, {
    connection: res.redis.queue,
    defaultJobOptions: {
      attempts: options.attempts ?? 5,
      backoff: { type: 'exponential', delay: options.backoffMs ?? 1000 },
      ...jobRetention,
    },
  });
  res.queue.on('error', (err) => log.error({ err }, 'queue error'));
  const jobCtx = {
    group: options.group,
    prefix: options.prefix,
    handler: options.handler,
    metrics: res.metrics,
    deadLetters: res.deadLetters,
    log,
  };
  res.worker = new Worker<EventJobData>(res.queueName, (job) => processEventJob(jobCtx, job), {
    connection: res.redis.worker,
    concurrency: options.concurrency ?? 1,
    name: options.name,
    // A killed replica's running jobs go back to the queue once their lock lapses: 15 s
    // rather than 30 (the lock is renewed while a job runs, so long jobs keep theirs). A job
    // caught by several kills is retried, not failed, up to 5 times.
    lockDuration: 15_000,
    stalledInterval: 15_000,
    maxStalledCount: 5,
  });
  res.worker.on('error', (err) => log.error({ err }, 'worker error'));
}

function startConsumer(
  res: Resources,
  options: StartWorkerOptions,
  log: Logger,
): Promise<EventConsumer> {
  const { group, prefix, logger } = options;
  const queue = res.queue;
  // Consuming without a queue would commit offsets of events that went nowhere.
  if (queue === undefined) throw new Error('the queue must be open before consuming');
  return runEventConsumer({
    kafka: res.kafka,
    group,
    prefix,
    logger,
    onEvent: (event, delivery) =>
      options.wants === undefined || options.wants(event)
        ? enqueue(queue, log, event, delivery)
        : Promise.resolve(),
    metrics: {
      consumed: (labels) => res.metrics.consumed.inc(labels),
      deadLettered: (labels) => res.metrics.deadLettered.inc(labels),
    },
  });
}

/**
 * Starts a worker: Kafka consumer -> BullMQ queue (one job per event id) -> `handler`, with
 * retries, dead letters, metrics, /healthz, /readyz and graceful shutdown. Resolves once
 * every part runs; on a failure it closes what it had started and rejects.
 */
export async function startWorker(options: StartWorkerOptions): Promise<WorkerHandle> {
  const log = options.logger.child({
    component: 'worker',
    worker: options.name,
    group: options.group,
  });
  const res: Resources = createResources(options, log);
  const isReady = async () =>
    (res.consumer?.isJoined() ?? false) && (await redisAnswers(res.redis.queue));
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= runShutdown({
      steps: shutdownSteps(res),
      timeoutMs: options.shutdownTimeoutMs ?? 30_000,
      force: () => forceClose(res),
      log,
    }).then(() => log.info('worker stopped'));
    return stopping;
  };
  try {
    await startQueueAndWorker(res, options, log);
    res.server = await startHealthServer({
      port: options.httpPort ?? 8080,
      host: options.httpHost,
      registry: res.metrics.registry,
      isReady,
      log,
    });
    res.consumer = await startConsumer(res, options, log);
  } catch (err) {
    await stop().catch(() => undefined);
    throw new Error(`worker ${options.name} (group ${options.group}) failed to start`, {
      cause: err,
    });
  }
  const consumer = res.consumer;
  const server = res.server;
  log.info({ queue: res.queueName, port: server.port }, 'worker started');
  return {
    port: server.port,
    queueName: res.queueName,
    registry: res.metrics.registry,
    metrics: res.metrics,
    crashed: consumer.crashed,
    isReady,
    stop,
  };
}
