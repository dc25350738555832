import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

/** Removes a worker's queue and every job of it from Redis (test cleanup, decommissioning). */
export async function obliterateWorkerQueue(args: {
  redisUrl: string;
  queueName: string;
}): Promise<void> {
  const redis = new Redis(args.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
  const queue = new Queue(args.queueName, { connection: redis });
  try {
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
    await redis.quit();
  }
}
