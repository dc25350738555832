import { describe, expect, it } from 'vitest';
import { interfacePatches, type PodLike } from './pod-interfaces.js';

const pod = (
  name: string,
  extra: Partial<PodLike['metadata']> = {},
  node = 'epic-node',
): PodLike => ({
  metadata: { name, ...extra },
  spec: { nodeName: node },
});
const veth = (index: number, name: string) => ({
  annotations: { 'epic.acnodal.io/ifindex': String(index), 'epic.acnodal.io/ifname': name },
});

describe("the node network daemon's annotations", () => {
  it("gives the first Envoy pod the seed's veth", () => {
    expect(interfacePatches([pod('envoy-a')])).toEqual([
      {
        pod: 'envoy-a',
        annotations: { 'epic.acnodal.io/ifindex': '16', 'epic.acnodal.io/ifname': 'veth67060f1f' },
      },
    ]);
  });

  it('numbers further pods after it, in name order, each with a veth name of its own', () => {
    const patches = interfacePatches([pod('envoy-c'), pod('envoy-a'), pod('envoy-b')]);
    expect(patches.map((p) => [p.pod, p.annotations['epic.acnodal.io/ifindex']])).toEqual([
      ['envoy-a', '16'],
      ['envoy-b', '17'],
      ['envoy-c', '18'],
    ]);
    const names = patches.map((p) => p.annotations['epic.acnodal.io/ifname']);
    expect(new Set(names).size).toBe(3);
    for (const name of names) expect(name).toMatch(/^veth[0-9a-f]{8}$/);
  });

  it('leaves annotated pods alone and never reuses their ifindex', () => {
    const patches = interfacePatches([pod('envoy-a', veth(16, 'veth67060f1f')), pod('envoy-b')]);
    expect(patches).toHaveLength(1);
    expect(patches[0]).toMatchObject({
      pod: 'envoy-b',
      annotations: { 'epic.acnodal.io/ifindex': '17' },
    });
  });

  it('skips pods not scheduled yet and pods being deleted', () => {
    expect(
      interfacePatches([
        { metadata: { name: 'pending' }, spec: {} },
        pod('going', { deletionTimestamp: '2026-01-01T00:00:00Z' }),
      ]),
    ).toEqual([]);
  });

  it('is stable: the same pods give the same patches', () => {
    const pods = [pod('envoy-x'), pod('envoy-y')];
    expect(interfacePatches(pods)).toEqual(interfacePatches([...pods].reverse()));
  });
});
