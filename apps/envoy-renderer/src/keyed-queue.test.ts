import { describe, expect, it } from 'vitest';
import { KeyedQueue } from './keyed-queue.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('KeyedQueue', () => {
  it('runs tasks of one key one after another, in order, even when one fails', async () => {
    const queue = new KeyedQueue();
    const order: string[] = [];
    const gate = deferred();
    const a = queue.run('lb/web', async () => {
      order.push('a start');
      await gate.promise;
      order.push('a end');
      throw new Error('a failed');
    });
    const b = queue.run('lb/web', () => {
      order.push('b');
      return Promise.resolve('b done');
    });
    await Promise.resolve();
    expect(order).toEqual(['a start']);
    gate.resolve();
    await expect(a).rejects.toThrow('a failed');
    await expect(b).resolves.toBe('b done');
    expect(order).toEqual(['a start', 'a end', 'b']);
  });

  it('runs tasks of different keys side by side, and forgets idle keys', async () => {
    const queue = new KeyedQueue();
    const gate = deferred();
    const order: string[] = [];
    const a = queue.run('lb/a', async () => {
      await gate.promise;
      order.push('a');
    });
    await queue.run('lb/b', () => Promise.resolve(order.push('b')));
    expect(order).toEqual(['b']);
    gate.resolve();
    await a;
    await new Promise((r) => setTimeout(r, 0));
    expect(queue.size).toBe(0);
  });
});
