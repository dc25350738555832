import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '@epic/logging';

function client(url: string, role: string, options: RedisOptions, log: Logger): Redis {
  const redis = new Redis(url, { lazyConnect: true, connectionName: role, ...options });
  // Without a listener ioredis prints every reconnect failure to stderr.
  redis.on('error', (err: Error) => log.warn({ err, role }, 'redis connection error'));
  return redis;
}

export interface RedisConnections {
  queue: Redis;
  worker: Redis;
}

/**
 * The two connections BullMQ wants: the queue's fails fast when Redis is away (so a Kafka
 * message is not acknowledged on a job that was never written), the worker's blocks and
 * retries forever (BullMQ requires maxRetriesPerRequest: null there).
 */
export function createRedisConnections(url: string, log: Logger): RedisConnections {
  return {
    queue: client(url, 'queue', { enableOfflineQueue: false }, log),
    worker: client(url, 'worker', { maxRetriesPerRequest: null }, log),
  };
}

/** True when Redis answers a PING within `timeoutMs`. */
export async function redisAnswers(redis: Redis, timeoutMs = 1000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ping = redis.ping().then(
    (reply) => reply === 'PONG',
    () => false,
  );
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** QUIT when connected; otherwise just drop the socket (QUIT would wait for a connection). */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') await redis.quit();
  else redis.disconnect();
}
