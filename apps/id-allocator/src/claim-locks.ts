// Fewer leaked IDs when the same object's events race. Uniqueness never depends on this: the
// optimistic Update of the counter guarantees it. But two replicas handling two deliveries of
// one object at the same moment would both claim, and one claim would leak; a 16-bit group
// ID space cannot afford that habit. So the claim-and-record of one object runs under a short
// Redis lock (SET NX PX, released by token), and the holder of the lock re-reads the object
// first. A replica killed while holding it only delays the object until the lock expires.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';

const releaseScript =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export interface ClaimLocks {
  /** Runs `fn` while holding the object's lock; waits (bounded) while another replica holds it. */
  withLock<T>(objectKey: string, fn: () => Promise<T>): Promise<T>;
}

export class LockBusyError extends Error {
  constructor(
    readonly objectKey: string,
    waitedMs: number,
  ) {
    super(
      `${objectKey}: another id-allocator replica has been allocating for it for ${waitedMs} ms; will retry`,
    );
    this.name = 'LockBusyError';
  }
}

export interface RedisClaimLockOptions {
  /** Key prefix, so test runs and installations sharing a Redis stay apart. */
  prefix: string;
  /** Lock lifetime: longer than one claim and record (default 30 s). */
  ttlMs?: number;
  /** How long to wait for another holder before giving the job back for a retry (default 15 s). */
  waitMs?: number;
}

export class RedisClaimLocks implements ClaimLocks {
  constructor(
    private readonly redis: Redis,
    private readonly options: RedisClaimLockOptions,
  ) {}

  async withLock<T>(objectKey: string, fn: () => Promise<T>): Promise<T> {
    const key = `${this.options.prefix}:id-claim:${objectKey}`;
    const token = randomUUID();
    await this.acquire(key, token, objectKey);
    try {
      return await fn();
    } finally {
      await this.redis.eval(releaseScript, 1, key, token);
    }
  }

  private async acquire(key: string, token: string, objectKey: string): Promise<void> {
    const ttlMs = this.options.ttlMs ?? 30_000;
    const waitMs = this.options.waitMs ?? 15_000;
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      if ((await this.redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK') return;
      const waited = Date.now() - started;
      if (waited >= waitMs) throw new LockBusyError(objectKey, waited);
      await sleep(Math.min(25 * 2 ** Math.min(attempt, 4), 400));
    }
  }
}
