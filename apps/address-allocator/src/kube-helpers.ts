// Small Kubernetes helpers this worker needs beside @epic/kube: reads that start from an object
// in hand, and 404s however they arrive. Generic; candidates for libs/kube.
import { isApiError } from '@epic/kube';

/** A read that starts from an object in hand: only a conflict costs a GET. */
export function firstThen<T>(first: T, read: () => Promise<T>): () => Promise<T> {
  let used = false;
  return () => {
    if (used) return read();
    used = true;
    return Promise.resolve(first);
  };
}

/** A 404, also when replaceWithRetry wrapped it (a write that found the object gone). */
export function isNotFound(err: unknown): boolean {
  return isApiError(err, 404) || (err instanceof Error && isApiError(err.cause, 404));
}

/** The object, or undefined when it is gone. */
export async function orAbsent<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (err) {
    if (isApiError(err, 404)) return undefined;
    throw err;
  }
}
