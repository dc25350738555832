import { expect, it } from 'vitest';
import { mapLimited } from './limited.js';

it('keeps the order and never runs more than the limit at once', async () => {
  let running = 0;
  let most = 0;
  const results = await mapLimited([5, 1, 4, 2, 3], 2, async (n) => {
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
  expect(await mapLimited([], 4, () => Promise.resolve(1))).toEqual([]);
});
