// The one bounded poll of the integration tests: no fixed sleeps, a deadline, and the reason in
// the failure. What counts as "not yet" besides an undefined answer is the caller's to say (a
// 404 while an object is being created, a 429 from the shared apiserver).
import { setTimeout as sleep } from 'node:timers/promises';

export interface EventuallyOptions {
  /** Default 30 s. */
  timeoutMs?: number;
  /** Pause between probes; default 100 ms. */
  intervalMs?: number;
  /** Errors that mean "not yet"; any other fails at once. The last one is the timeout's cause. */
  notYet?: (err: unknown) => boolean;
}

/** Probes until `probe` returns a value; fails naming `what` after the deadline. */
export async function eventually<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  options: EventuallyOptions = {},
): Promise<T> {
  const { timeoutMs = 30_000, intervalMs = 100, notYet = () => false } = options;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      if (!notYet(err)) throw err;
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`, { cause: last });
    }
    await sleep(intervalMs);
  }
}
