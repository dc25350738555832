// Polls until a condition holds or a deadline passes. The clock is passed in, so tests can
// run a wait without sleeping; the check reports what it saw, so progress lines and the
// timeout message say where things stand.
import type { Clock } from './deps.js';
import type { Progress } from './progress.js';

/** One look at the cluster: done (with the value to return) or not yet (and why). */
export type Check<T> = { done: true; value: T } | { done: false; status: string };

export interface WaitOptions<T> {
  check: () => Promise<Check<T>>;
  timeoutMs: number;
  intervalMs: number;
  clock: Clock;
  progress: Progress;
}

export type WaitResult<T> =
  { ok: true; value: T; elapsedMs: number } | { ok: false; lastStatus: string; elapsedMs: number };

/** Checks at once, then every `intervalMs`, until done or `timeoutMs` has passed. */
export async function waitUntil<T>(options: WaitOptions<T>): Promise<WaitResult<T>> {
  const { check, timeoutMs, intervalMs, clock, progress } = options;
  const start = clock.now().getTime();
  try {
    for (;;) {
      const result = await check();
      const elapsedMs = clock.now().getTime() - start;
      if (result.done) return { ok: true, value: result.value, elapsedMs };
      if (elapsedMs >= timeoutMs) return { ok: false, lastStatus: result.status, elapsedMs };
      progress.tick(elapsedMs, result.status);
      await clock.sleep(Math.min(intervalMs, timeoutMs - elapsedMs));
    }
  } finally {
    // Also when a check throws: the error line must not land on a half-drawn spinner.
    progress.done();
  }
}
