// Bounded parallelism for independent API calls, so work touching hundreds of objects neither
// runs them one by one nor floods the apiserver.

/** Runs `fn` over `items`, at most `limit` at a time; the first failure rejects (others finish). */
export async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
