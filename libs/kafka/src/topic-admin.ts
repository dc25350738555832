import { setTimeout as sleep } from 'node:timers/promises';
import { topicPlan } from '@epic/events';
import type { Admin, ITopicMetadata } from 'kafkajs';
import type { Logger } from '@epic/logging';
import { kafkajsOf, type KafkaClient } from './kafka-client.js';

async function withAdmin<T>(kafka: KafkaClient, use: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafkajsOf(kafka).admin();
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
}

function allLed(metadata: ITopicMetadata[], count: number): boolean {
  return (
    metadata.length === count &&
    metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))
  );
}

/**
 * kafkajs' own `waitForLeaders` gives up when the broker does not know a just-created topic yet
 * (UNKNOWN_TOPIC_OR_PARTITION, seen with KRaft), so poll the metadata until every partition has
 * a leader, with a deadline.
 */
async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      if (allLed(metadata, topics.length)) return;
    } catch (err) {
      lastError = err;
    }
    await sleep(100);
  }
  throw new Error(`topics still without leaders after ${timeoutMs} ms`, { cause: lastError });
}

export interface TopicAdminOptions {
  kafka: KafkaClient;
  /** '' for none; a test run's `t-<hex>`. */
  prefix: string;
  log: Logger;
}

/**
 * Creates the topics of `topicPlan(prefix)` (every family and every dead-letter topic) that do
 * not exist yet, and waits for their leaders. Idempotent: a second call creates nothing, and a
 * concurrent creator's TOPIC_ALREADY_EXISTS is not an error. Returns the topics it created.
 */
export async function ensureTopics(options: TopicAdminOptions): Promise<string[]> {
  const { kafka, prefix, log } = options;
  return withAdmin(kafka, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const missing = topicPlan(prefix).filter(({ topic }) => !existing.has(topic));
    if (missing.length === 0) return [];
    try {
      await admin.createTopics({ topics: missing, waitForLeaders: false });
      await waitForLeaders(
        admin,
        missing.map(({ topic }) => topic),
      );
    } catch (err) {
      const names = missing.map(({ topic }) => topic).join(', ');
      throw new Error(`creating topics failed: ${names}`, { cause: err });
    }
    const created = missing.map(({ topic }) => topic);
    log.info({ topics: created }, 'created missing topics');
    return created;
  });
}

function requirePrefix(prefix: string, what: string): string {
  // An empty prefix would match a whole deployment: never for cleanup helpers.
  if (prefix === '') throw new Error(`${what}: refusing an empty prefix`);
  return `${prefix}.`;
}

/** Deletes every topic named `<prefix>.…` (test cleanup). Returns what it deleted. */
export async function deleteTopicsWithPrefix(options: TopicAdminOptions): Promise<string[]> {
  const start = requirePrefix(options.prefix, 'deleteTopicsWithPrefix');
  return withAdmin(options.kafka, async (admin) => {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(start));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    options.log.debug({ topics }, 'deleted topics');
    return topics;
  });
}

/**
 * A group that was listed a moment ago may be gone by the time it is deleted (its last member
 * left): for cleanup that is success. Any other failure is rethrown.
 */
function ignoreGroupsAlreadyGone(err: unknown): void {
  const groups = (err as { groups?: { error?: { type?: string } }[] }).groups;
  if (groups?.length && groups.every((g) => g.error?.type === 'GROUP_ID_NOT_FOUND')) return;
  throw err;
}

/** Whether a failed DeleteGroups failed only because groups still had members (or were gone). */
function onlyNonEmptyGroups(err: unknown): boolean {
  const groups = (err as { groups?: { error?: { type?: string } }[] }).groups ?? [];
  const types = groups.map((g) => g.error?.type);
  return (
    types.includes('NON_EMPTY_GROUP') &&
    types.every((t) => t === undefined || t === 'NON_EMPTY_GROUP' || t === 'GROUP_ID_NOT_FOUND')
  );
}

/**
 * Deletes every consumer group named `<prefix>.…` (test cleanup). A member of a process killed
 * with SIGKILL stays in its group until its session times out (10 s, see event-consumer.ts), so
 * a group that is not empty yet is asked again, every second for at most 15 s.
 */
export async function deleteConsumerGroupsWithPrefix(
  options: TopicAdminOptions,
): Promise<string[]> {
  const start = requirePrefix(options.prefix, 'deleteConsumerGroupsWithPrefix');
  return withAdmin(options.kafka, async (admin) => {
    const { groups } = await admin.listGroups();
    const ids = groups.map((g) => g.groupId).filter((id) => id.startsWith(start));
    for (let attempt = 1; ids.length > 0; attempt++) {
      try {
        await admin.deleteGroups(ids).catch(ignoreGroupsAlreadyGone);
        break;
      } catch (err) {
        if (!onlyNonEmptyGroups(err) || attempt >= 15) throw err;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
    options.log.debug({ groups: ids }, 'deleted consumer groups');
    return ids;
  });
}

/** The committed offset of each partition of a topic for a group (`-1` when none). */
export async function committedOffsets(args: {
  kafka: KafkaClient;
  groupId: string;
  topic: string;
}): Promise<Map<number, string>> {
  return withAdmin(args.kafka, async (admin) => {
    const [result] = await admin.fetchOffsets({ groupId: args.groupId, topics: [args.topic] });
    return new Map((result?.partitions ?? []).map((p) => [p.partition, p.offset]));
  });
}
