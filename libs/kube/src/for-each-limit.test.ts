import { describe, expect, it } from 'vitest';
import { forEachLimit } from './for-each-limit.js';

describe('forEachLimit', () => {
  it('visits every item once with at most `limit` running', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    await forEachLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(n);
      running--;
    });
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(3);
  });

  it('rejects with the first failure and does nothing for no items', async () => {
    await expect(
      forEachLimit([1, 2], 2, (n) =>
        n === 2 ? Promise.reject(new Error('two')) : Promise.resolve(),
      ),
    ).rejects.toThrow('two');
    await expect(
      forEachLimit([], 4, () => Promise.reject(new Error('never'))),
    ).resolves.toBeUndefined();
  });
});
