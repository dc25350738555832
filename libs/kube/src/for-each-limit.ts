// Bounded parallelism for independent API calls, so work touching hundreds of objects neither
// runs them one by one nor floods the apiserver.

/**
 * Runs `fn` over `items`, at most `limit` at a time; the results keep the items' order. The
 * first failure rejects (the calls already running finish).
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** Runs `fn` over `items`, at most `limit` at a time; the first failure rejects (others finish). */
export async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<unknown>,
): Promise<void> {
  await mapLimit(items, limit, fn);
}
