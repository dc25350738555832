import { describe, expect, it } from 'vitest';
import { deriveEvents, type DeriveInput } from './derive-events.js';
import { epicNodeObject, fixedNow, sequentialIds } from './testdata/index.js';

type Input = Omit<DeriveInput, 'kind' | 'newId' | 'now'>;

function derive(input: Input) {
  const result = deriveEvents({ kind: 'Node', ...input, newId: sequentialIds(), now: fixedNow });
  if (!result.ok) throw new Error(result.invalid.message);
  return result.events.map((e) => ({ type: e.type, data: e.data }));
}

const node = {
  name: 'epic-1',
  internalIPs: ['192.168.1.40'],
  labels: { 'kubernetes.io/hostname': 'epic-1', 'epic.acnodal.io/epic-node': 'true' },
  unschedulable: false,
};

function variant(change: (n: typeof epicNodeObject) => void) {
  const copy = structuredClone(epicNodeObject);
  copy.metadata.resourceVersion = '61';
  change(copy);
  return copy;
}

describe('node events', () => {
  it.each<[string, Input, { type: string; data: unknown }[]]>([
    ['added: Joined', { new: epicNodeObject }, [{ type: 'NodeJoined', data: { node } }]],
    ['deleted: Left', { old: epicNodeObject }, [{ type: 'NodeLeft', data: { node } }]],
    [
      'resync: Observed',
      { new: epicNodeObject, observed: true },
      [{ type: 'NodeObserved', data: { node } }],
    ],
    [
      'a heartbeat: nothing',
      {
        old: epicNodeObject,
        new: variant((n) => {
          n.status.conditions[0]!.lastHeartbeatTime = '2025-06-01T12:00:00Z';
        }),
      },
      [],
    ],
    [
      'a new InternalIP: Changed addresses',
      {
        old: epicNodeObject,
        new: variant((n) => {
          n.status.addresses[0]!.address = '192.168.1.41';
        }),
      },
      [
        {
          type: 'NodeChanged',
          data: { node: { ...node, internalIPs: ['192.168.1.41'] }, changed: ['addresses'] },
        },
      ],
    ],
    [
      'relabelled and cordoned: Changed labels and schedulable',
      {
        old: epicNodeObject,
        new: variant((n) => {
          (n.metadata as { labels: Record<string, string> }).labels = {
            'kubernetes.io/hostname': 'epic-1',
          };
          Object.assign(n.spec, { unschedulable: true });
        }),
      },
      [
        {
          type: 'NodeChanged',
          data: {
            node: { ...node, labels: { 'kubernetes.io/hostname': 'epic-1' }, unschedulable: true },
            changed: ['labels', 'schedulable'],
          },
        },
      ],
    ],
  ])('%s', (_, input, expected) => {
    expect(derive(input)).toEqual(expected);
  });

  it('a node is cluster-scoped: its events have no namespace', () => {
    const result = deriveEvents({
      kind: 'Node',
      new: epicNodeObject,
      newId: sequentialIds(),
      now: fixedNow,
    });
    expect(result.ok && result.events[0]?.source).toEqual({
      kind: 'Node',
      name: 'epic-1',
      uid: 'uid-node-epic-1',
      resourceVersion: '60',
    });
  });
});
