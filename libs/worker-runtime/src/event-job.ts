import { UnrecoverableError, type Job, type JobsOptions } from 'bullmq';
import {
  eventRecord,
  parseDomainEvent,
  partitionKey,
  type ConsumerGroup,
  type DomainEvent,
} from '@epic/events';
import type { DeadLetterPublisher, EventMeta } from '@epic/kafka';
import type { Logger } from '@epic/logging';
import type { WorkerMetrics } from './metrics.js';
import { errorMessage, isPermanent } from './permanent-error.js';

/** What a worker's handler gets besides the event. */
export interface HandlerContext {
  /** A child logger carrying eventId, type, ref (ns/name), attempt and jobId. */
  log: Logger;
  /** 1 for the first run, 2 for the first retry, … */
  attempt: number;
  jobId: string;
}

/** A worker's business step. Must be idempotent: a stalled job can run twice. */
export type EventHandler = (event: DomainEvent, ctx: HandlerContext) => Promise<void>;

/** A job's data: the event, and where Kafka delivered it first. */
export interface EventJobData {
  event: DomainEvent;
  delivery: EventMeta;
}

/**
 * How long finished jobs stay, and so how long a repeated delivery of an event is recognised
 * as a duplicate. Bounded so Redis does not grow with history.
 */
export const jobRetention = {
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 50_000 },
} as const satisfies Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'>;

export interface JobContext {
  group: ConsumerGroup;
  prefix: string;
  handler: EventHandler;
  metrics: WorkerMetrics;
  deadLetters: DeadLetterPublisher;
  log: Logger;
}

interface Failure {
  ctx: JobContext;
  job: Job<EventJobData>;
  event: DomainEvent;
  log: Logger;
  err: unknown;
}

async function deadLetterEvent(ctx: JobContext, event: DomainEvent, why: string): Promise<void> {
  const record = eventRecord(event, ctx.prefix);
  await ctx.deadLetters.send({
    group: ctx.group,
    sourceTopic: record.topic,
    reason: 'handler-failed',
    message: why,
    key: record.key,
    value: record.value,
    headers: record.headers,
  });
  ctx.metrics.deadLettered.inc({ group: ctx.group, reason: 'handler-failed' });
}

/** Retry while attempts remain; otherwise (or when permanent) dead-letter, then fail the job. */
async function onHandlerFailure({ ctx, job, event, log, err }: Failure): Promise<never> {
  const attempt = job.attemptsMade + 1;
  const attempts = job.opts.attempts ?? 1;
  const permanent = isPermanent(err);
  const why = errorMessage(err);
  if (!permanent && attempt < attempts) {
    ctx.metrics.retried.inc({ group: ctx.group, type: event.type });
    log.warn({ err, attempts }, 'handler failed; will retry');
    throw err;
  }
  log.error({ err, attempts, permanent }, 'handler gave up; dead-lettering the event');
  await deadLetterEvent(ctx, event, permanent ? why : `after ${attempt} attempts: ${why}`);
  throw permanent ? new UnrecoverableError(`permanent failure: ${why}`) : err;
}

/** The BullMQ processor: parse (Redis is a boundary too), run the handler, account for it. */
export async function processEventJob(ctx: JobContext, job: Job<EventJobData>): Promise<void> {
  const parsed = parseDomainEvent(job.data.event);
  if (!parsed.ok) {
    ctx.log.error({ jobId: job.id, error: parsed.error }, 'job data is not a domain event');
    throw new UnrecoverableError(`job ${job.id} holds no valid event: ${parsed.error.message}`);
  }
  const event = parsed.event;
  const attempt = job.attemptsMade + 1;
  const log = ctx.log.child({
    eventId: event.id,
    type: event.type,
    ref: partitionKey(event.source),
    attempt,
    jobId: job.id,
  });
  const labels = { group: ctx.group, type: event.type };
  const endTimer = ctx.metrics.handlerSeconds.startTimer(labels);
  try {
    await ctx.handler(event, { log, attempt, jobId: job.id ?? '' });
  } catch (err) {
    endTimer();
    return onHandlerFailure({ ctx, job, event, log, err });
  }
  endTimer();
  ctx.metrics.handled.inc(labels);
  log.debug('event handled');
}
