// A read that starts from an object in hand, for replaceWithRetry (404 handling is @epic/kube's
// isNotFound / orAbsent).

/** A read that starts from an object in hand: only a conflict costs a GET. */
export function firstThen<T>(first: T, read: () => Promise<T>): () => Promise<T> {
  let used = false;
  return () => {
    if (used) return read();
    used = true;
    return Promise.resolve(first);
  };
}
