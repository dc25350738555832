// The read of a replaceWithRetry that starts from the object in hand (just read, or just
// written): a write that meets no conflict then costs no GET, and a stale object costs a 409
// and a fresh read, as any conflict does.

/** First the object in hand, then `read()` on every retry. */
export function readFirst<T>(inHand: T, read: () => Promise<T>): () => Promise<T> {
  let used = false;
  return () => {
    if (used) return read();
    used = true;
    return Promise.resolve(inHand);
  };
}
