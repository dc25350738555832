import { setTimeout as sleep } from 'node:timers/promises';
import { isApiError } from './api-error.js';

export interface ReplaceWithRetry<T> {
  /** What is updated, for error messages: `EPIC epic/epic status`. */
  what: string;
  /** Reads the current object (with its resourceVersion). */
  read: () => Promise<T>;
  /**
   * Returns the object to write, or undefined when nothing needs writing (idempotent:
   * a repeated call on an object that already holds the change writes nothing).
   */
  mutate: (current: T) => T | undefined;
  /** Writes with the read resourceVersion (Update, never Patch); 409 when someone was first. */
  write: (next: T) => Promise<T>;
  /** Attempts before giving up (default 5). */
  attempts?: number;
  /** First backoff in ms (default 50), grown 1.5x per conflict, with jitter. */
  backoffMs?: number;
  onConflict?: (attempt: number) => void;
}

export class ConflictRetriesExhaustedError extends Error {
  constructor(
    readonly what: string,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(`${what}: still conflicting after ${attempts} optimistic-update attempts; giving up`, {
      cause,
    });
    this.name = 'ConflictRetriesExhaustedError';
  }
}

/**
 * The optimistic-concurrency loop of the seed's allocation algorithm: read, change a copy,
 * Update with the read resourceVersion; on 409 Conflict re-read and try again, a bounded
 * number of times. Returns what was written, or the current object when nothing changed.
 */
export async function replaceWithRetry<T>(
  op: ReplaceWithRetry<T>,
): Promise<{ object: T; attempts: number }> {
  const attempts = op.attempts ?? 5;
  let delay = op.backoffMs ?? 50;
  let lastConflict: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const current = await op.read();
    const next = op.mutate(structuredClone(current));
    if (next === undefined) return { object: current, attempts: attempt };
    try {
      return { object: await op.write(next), attempts: attempt };
    } catch (err) {
      if (!isApiError(err, 409)) throw new Error(`${op.what}: update failed`, { cause: err });
      lastConflict = err;
      op.onConflict?.(attempt);
      if (attempt < attempts) await sleep(delay * (0.5 + Math.random()));
      delay *= 1.5;
    }
  }
  throw new ConflictRetriesExhaustedError(op.what, attempts, lastConflict);
}
