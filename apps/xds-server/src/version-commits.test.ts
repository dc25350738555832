import { describe, expect, it } from 'vitest';
import { applyVersionChanges, type VersionChange } from './version-commits.js';

interface Row {
  stored: Record<string, number>;
  changes: VersionChange[];
  versions: Record<string, number>;
  granted: Record<string, number>;
}

const want = (proxy: string, wanted: number): VersionChange => ({ proxy, wanted });

describe('applyVersionChanges', () => {
  it.each<[string, Row]>([
    [
      'a new proxy gets what is wanted',
      { stored: {}, changes: [want('a', 1)], versions: { a: 1 }, granted: { a: 1 } },
    ],
    [
      'a restart starts above what is stored',
      { stored: { a: 7 }, changes: [want('a', 1)], versions: { a: 8 }, granted: { a: 8 } },
    ],
    [
      'wanted above stored wins',
      { stored: { a: 7 }, changes: [want('a', 12)], versions: { a: 12 }, granted: { a: 12 } },
    ],
    [
      'a batch holds several proxies',
      {
        stored: { a: 1 },
        changes: [want('a', 2), want('b', 1)],
        versions: { a: 2, b: 1 },
        granted: { a: 2, b: 1 },
      },
    ],
    [
      'the same proxy twice moves twice',
      { stored: {}, changes: [want('a', 1), want('a', 1)], versions: { a: 2 }, granted: { a: 2 } },
    ],
    [
      'forget drops the entry',
      {
        stored: { a: 3, b: 1 },
        changes: [{ proxy: 'a', forget: true }],
        versions: { b: 1 },
        granted: {},
      },
    ],
  ])('%s', (_, row) => {
    const result = applyVersionChanges(row.stored, row.changes);
    expect(result.versions).toEqual(row.versions);
    expect(Object.fromEntries(result.granted)).toEqual(row.granted);
    expect(result.changed).toBe(true);
  });

  it('never goes backwards, whatever the order of commits (story)', () => {
    let stored: Record<string, number> = {};
    const seen: number[] = [];
    for (const wanted of [1, 1, 5, 2, 2, 9, 3]) {
      const result = applyVersionChanges(stored, [want('p', wanted)]);
      stored = result.versions;
      seen.push(result.granted.get('p')!);
    }
    expect(seen).toEqual([1, 2, 5, 6, 7, 9, 10]);
  });

  it('forgetting what is not there changes nothing', () => {
    expect(applyVersionChanges({ a: 1 }, [{ proxy: 'b', forget: true }]).changed).toBe(false);
  });
});
