import { describe, expect, it } from 'vitest';
import { GroupCommit, type ItemResult } from './group-commit.js';

/** A runner that holds each batch until released, and records what it was given. */
function gatedRunner() {
  const batches: { parent: string; items: number[] }[] = [];
  const gates: (() => void)[] = [];
  const run = async (parent: string, items: readonly number[]): Promise<ItemResult<number>[]> => {
    batches.push({ parent, items: [...items] });
    await new Promise<void>((resolve) => gates.push(resolve));
    return items.map((n) =>
      n < 0 ? { ok: false, error: new Error(`bad ${n}`) } : { ok: true, value: n * 10 },
    );
  };
  const releaseNext = async () => {
    for (let i = 0; i < 100 && gates.length === 0; i++) await Promise.resolve();
    gates.shift()?.();
  };
  return { run, batches, releaseNext };
}

describe('GroupCommit', () => {
  it('sends the first request alone, then everything that queued behind it as one batch', async () => {
    const r = gatedRunner();
    const commit = new GroupCommit(r.run, { enabled: true, maxBatch: 10 });
    const results = [1, 2, 3, 4].map((n) => commit.submit('epic', n));
    await r.releaseNext();
    await r.releaseNext();
    expect(await Promise.all(results)).toEqual([10, 20, 30, 40]);
    expect(r.batches).toEqual([
      { parent: 'epic', items: [1] },
      { parent: 'epic', items: [2, 3, 4] },
    ]);
  });

  it('keeps parents apart and caps a batch at maxBatch', async () => {
    const r = gatedRunner();
    const commit = new GroupCommit(r.run, { enabled: true, maxBatch: 2 });
    const results = [
      commit.submit('a', 1),
      commit.submit('b', 2),
      commit.submit('a', 3),
      commit.submit('a', 4),
      commit.submit('a', 5),
    ];
    for (let i = 0; i < 4; i++) await r.releaseNext();
    expect(await Promise.all(results)).toEqual([10, 20, 30, 40, 50]);
    expect(r.batches).toEqual([
      { parent: 'a', items: [1] },
      { parent: 'b', items: [2] },
      { parent: 'a', items: [3, 4] },
      { parent: 'a', items: [5] },
    ]);
  });

  it('without batching every item is its own claim', async () => {
    const r = gatedRunner();
    const commit = new GroupCommit(r.run, { enabled: false, maxBatch: 10 });
    const results = [1, 2, 3].map((n) => commit.submit('epic', n));
    for (let i = 0; i < 3; i++) await r.releaseNext();
    expect(await Promise.all(results)).toEqual([10, 20, 30]);
    expect(r.batches.map((b) => b.items)).toEqual([[1], [2], [3]]);
  });

  it('fails only the item that failed; a thrown runner fails its whole batch, not the next', async () => {
    let calls = 0;
    const commit = new GroupCommit<number, number>(
      async (_parent, items) => {
        await Promise.resolve();
        calls++;
        if (calls === 2) throw new Error('apiserver unavailable');
        return items.map((n) =>
          n < 0 ? { ok: false, error: new Error(`bad ${n}`) } : { ok: true, value: n },
        );
      },
      { enabled: true, maxBatch: 10 },
    );
    const first = commit.submit('epic', -1);
    const second = commit.submit('epic', 2);
    await expect(first).rejects.toThrow('bad -1');
    await expect(second).rejects.toThrow('apiserver unavailable');
    await expect(commit.submit('epic', 3)).resolves.toBe(3);
  });

  it('reports each batch size', async () => {
    const sizes: number[] = [];
    const commit = new GroupCommit<number, number>(
      (_p, items) => Promise.resolve(items.map((n) => ({ ok: true, value: n }))),
      { enabled: true, maxBatch: 10, onBatch: (n) => sizes.push(n) },
    );
    await Promise.all([1, 2, 3].map((n) => commit.submit('epic', n)));
    expect(sizes).toEqual([1, 2]);
  });
});
