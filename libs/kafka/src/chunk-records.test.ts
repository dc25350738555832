import { describe, expect, it } from 'vitest';
import type { EventRecord } from '@epic/events';
import { chunkRecords } from './event-publisher.js';

const record = (bytes: number, n: number): EventRecord => ({
  topic: 't',
  key: `k${n}`,
  value: 'x'.repeat(bytes),
  headers: {},
});
const sizes = (chunks: EventRecord[][]) => chunks.map((c) => c.length);

describe('chunkRecords', () => {
  it.each([
    { case: 'nothing', records: [], limit: 1000, want: [] },
    { case: 'all fit in one', records: [record(100, 1), record(100, 2)], limit: 1000, want: [2] },
    {
      case: 'split where the limit is reached',
      records: [1, 2, 3, 4, 5].map((n) => record(300, n)),
      limit: 1000,
      want: [2, 2, 1],
    },
    {
      case: 'a record larger than the limit goes alone',
      records: [record(10, 1), record(5000, 2), record(10, 3)],
      limit: 1000,
      want: [1, 1, 1],
    },
  ])('$case', ({ records, limit, want }) => {
    expect(sizes(chunkRecords(records, limit))).toEqual(want);
  });

  it('keeps the order of records', () => {
    const records = Array.from({ length: 50 }, (_, n) => record(100, n));
    expect(
      chunkRecords(records, 1000)
        .flat()
        .map((r) => r.key),
    ).toEqual(records.map((r) => r.key));
  });
});
