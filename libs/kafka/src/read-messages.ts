import { randomBytes } from 'node:crypto';
import { kafkajsOf, type KafkaClient } from './kafka-client.js';

/** A message as read back, headers decoded as UTF-8. */
export interface ReadMessage {
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

function decodeHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (Buffer.isBuffer(value) || typeof value === 'string') out[name] = value.toString();
  }
  return out;
}

/**
 * Reads a topic from the beginning until `count` messages arrived, with a throwaway consumer
 * group that is deleted afterwards. For tests and for tools that inspect a dead-letter topic;
 * rejects when fewer arrive within `timeoutMs`.
 */
export async function readMessages(args: {
  kafka: KafkaClient;
  topic: string;
  count: number;
  timeoutMs?: number;
}): Promise<ReadMessage[]> {
  const kafka = kafkajsOf(args.kafka);
  const groupId = `${args.topic}.reader-${randomBytes(4).toString('hex')}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
  const messages: ReadMessage[] = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [args.topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timeoutMs = args.timeoutMs ?? 30_000;
      timer = setTimeout(() => {
        reject(
          new Error(
            `read ${messages.length} of ${args.count} message(s) from ${args.topic} in ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      consumer
        .run({
          eachMessage: ({ partition, message }) => {
            messages.push({
              partition,
              offset: message.offset,
              key: message.key,
              value: message.value,
              headers: decodeHeaders(message.headers),
            });
            if (messages.length >= args.count) resolve();
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
    return messages;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
