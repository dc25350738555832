import type { Redis } from 'ioredis';

/** Where the pump keeps what it last published (Redis in production). */
export interface PublishedState {
  load(): Promise<Map<string, unknown>>;
  commit(updates: ReadonlyMap<string, unknown>): Promise<void>;
}

/**
 * What ingest last PUBLISHED (Kafka acked) per object key, kept in Redis so a restarted ingest
 * knows what existed before it died: objects deleted while it was away become delete events.
 * Written only after Kafka acknowledged the events (cache-after-success), so whatever was not
 * acked is re-derived on the next list.
 */
export class PublishedStore implements PublishedState {
  constructor(
    private readonly redis: Redis,
    private readonly hashKey: string,
  ) {}

  async load(): Promise<Map<string, unknown>> {
    const all = await this.redis.hgetall(this.hashKey);
    return new Map(Object.entries(all).map(([key, json]) => [key, JSON.parse(json) as unknown]));
  }

  /** Applies updates in one transaction: an object to keep, or undefined for a deleted one. */
  async commit(updates: ReadonlyMap<string, unknown>): Promise<void> {
    if (updates.size === 0) return;
    const tx = this.redis.multi();
    for (const [key, obj] of updates) {
      if (obj === undefined) tx.hdel(this.hashKey, key);
      else tx.hset(this.hashKey, key, JSON.stringify(obj));
    }
    const results = await tx.exec();
    const failed = results?.find(([err]) => err);
    if (!results || failed)
      throw new Error(`committing ${updates.size} published objects to ${this.hashKey} failed`, {
        cause: failed?.[0],
      });
  }

  async clear(): Promise<void> {
    await this.redis.del(this.hashKey);
  }
}
