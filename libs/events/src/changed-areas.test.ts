// What counts as a change, as a table.
import { describe, expect, it } from 'vitest';
import { ChangedArea, changedAreas, type Diffable } from './changed-areas.js';

const base: Diffable = {
  metadata: {
    labels: { a: '1' },
    finalizers: ['x', 'y'],
    resourceVersion: '1',
    managedFields: [{ manager: 'm' }],
  } as Diffable['metadata'],
  spec: { port: 80, list: [1, 2] },
  status: {
    conditions: [
      { type: 'A', status: 'True', lastTransitionTime: '2025-01-01T00:00:00Z' },
      { type: 'B', status: 'False', lastTransitionTime: '2025-01-01T00:00:00Z' },
    ],
  },
};

const change = (patch: Partial<Diffable>, metadata: object = {}): Diffable => ({
  ...base,
  ...patch,
  metadata: { ...base.metadata, ...metadata },
});

describe('changedAreas', () => {
  it.each<[string, Diffable, ChangedArea[]]>([
    ['nothing', change({}), []],
    [
      'resourceVersion, generation, managedFields',
      change({}, { resourceVersion: '2', generation: 3, managedFields: [] }),
      [],
    ],
    ['spec key order only', change({ spec: { list: [1, 2], port: 80 } }), []],
    ['a spec value', change({ spec: { port: 81, list: [1, 2] } }), ['spec', 'spec.port']],
    ['a spec list order', change({ spec: { port: 80, list: [2, 1] } }), ['spec', 'spec.list']],
    ['a spec key added', change({ spec: { port: 80, list: [1, 2], x: true } }), ['spec', 'spec.x']],
    [
      'condition transition times and order only',
      change({
        status: {
          conditions: [
            { type: 'B', status: 'False', lastTransitionTime: '2025-02-01T00:00:00Z' },
            { type: 'A', status: 'True', lastTransitionTime: '2025-02-01T00:00:00Z' },
          ],
        },
      }),
      [],
    ],
    [
      'a condition status',
      change({
        status: {
          conditions: [
            { type: 'A', status: 'False', lastTransitionTime: '2025-02-01T00:00:00Z' },
            { type: 'B', status: 'False', lastTransitionTime: '2025-01-01T00:00:00Z' },
          ],
        },
      }),
      ['status', 'status.conditions'],
    ],
    ['labels', change({}, { labels: { a: '2' } }), ['labels']],
    ['labels removed', change({}, { labels: undefined }), ['labels']],
    ['annotations from absent to empty', change({}, { annotations: {} }), []],
    ['finalizer order only', change({}, { finalizers: ['y', 'x'] }), []],
    ['a finalizer removed', change({}, { finalizers: ['x'] }), ['finalizers']],
    ['owner references', change({}, { ownerReferences: [{ uid: 'u' }] }), ['ownerReferences']],
    [
      'deletionTimestamp set',
      change({}, { deletionTimestamp: '2025-01-01T00:00:00Z' }),
      ['deletion'],
    ],
    [
      'all at once, in fixed order',
      change(
        { spec: { port: 1, list: [] }, status: {} },
        { labels: {}, finalizers: [], deletionTimestamp: 't' },
      ),
      [
        'spec',
        'spec.list',
        'spec.port',
        'status',
        'status.conditions',
        'labels',
        'finalizers',
        'deletion',
      ],
    ],
  ])('%s', (_what, next, expected) => {
    expect(changedAreas(base, next)).toEqual(expected);
  });

  it('lists spec even for an empty spec on create', () => {
    expect(changedAreas(undefined, { metadata: {}, spec: {} })).toEqual(['spec']);
  });

  it.each([
    ['spec', true],
    ['status.gue-tunnel-endpoints', true],
    ['spec.public-address', true],
    ['deletion', true],
    ['metadata', false],
    ['status.a.b', false],
    ['specs', false],
  ])('ChangedArea accepts %s: %s', (area, ok) => {
    expect(ChangedArea.safeParse(area).success).toBe(ok);
  });
});
