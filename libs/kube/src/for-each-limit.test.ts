import { describe, expect, it } from 'vitest';
import { forEachLimit, mapLimit } from './for-each-limit.js';

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

describe('mapLimit', () => {
  it('keeps the order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const results = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });

  it('handles nothing to do', async () => {
    expect(await mapLimit([], 4, () => Promise.resolve(1))).toEqual([]);
  });
});
