import { describe, expect, it } from 'vitest';
import { diffSnapshot } from './snapshot-diff.js';

const lb = (name: string, rv: string, uid = `uid-${name}`) => ({
  metadata: { namespace: 'epic-a', name, uid, resourceVersion: rv },
});
const key = (name: string) => `LoadBalancer/epic-a/${name}`;
const shape = (changes: ReturnType<typeof diffSnapshot>) =>
  changes.map(
    (c) =>
      `${c.old ? 'old' : ''}${c.old && c.new ? '+' : ''}${c.new ? 'new' : ''}${c.observed ? '(observed)' : ''} ${c.key.split('/')[2]}`,
  );

describe('diffSnapshot', () => {
  it.each([
    {
      case: 'first list: every item is an add',
      known: [],
      items: [lb('a', '1')],
      reason: 'start',
      want: ['new a'],
    },
    {
      case: 'unchanged on start: observed',
      known: [lb('a', '1')],
      items: [lb('a', '1')],
      reason: 'start',
      want: ['new(observed) a'],
    },
    {
      case: 'unchanged on resync: observed',
      known: [lb('a', '1')],
      items: [lb('a', '1')],
      reason: 'resync',
      want: ['new(observed) a'],
    },
    {
      case: 'unchanged after 410: nothing',
      known: [lb('a', '1')],
      items: [lb('a', '1')],
      reason: 'gone',
      want: [],
    },
    {
      case: 'changed while away: update',
      known: [lb('a', '1')],
      items: [lb('a', '7')],
      reason: 'gone',
      want: ['old+new a'],
    },
    {
      case: 'deleted while away: delete',
      known: [lb('a', '1'), lb('b', '2')],
      items: [lb('a', '1')],
      reason: 'gone',
      want: ['old b'],
    },
    {
      case: 're-created under the same name: delete then add',
      known: [lb('a', '1', 'u1')],
      items: [lb('a', '9', 'u2')],
      reason: 'error',
      want: ['old a', 'new a'],
    },
  ] as const)('$case', ({ known, items, reason, want }) => {
    const knownMap = new Map<string, unknown>(known.map((o) => [key(o.metadata.name), o]));
    expect(
      shape(diffSnapshot({ kind: 'LoadBalancer', items: [...items], known: knownMap, reason })),
    ).toEqual(want);
  });

  it('only deletes objects of its own kind', () => {
    const known = new Map<string, unknown>([['Account/epic-a/a', lb('a', '1')]]);
    expect(diffSnapshot({ kind: 'LoadBalancer', items: [], known, reason: 'gone' })).toEqual([]);
  });
});
