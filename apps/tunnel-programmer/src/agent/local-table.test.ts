import { describe, expect, it } from 'vitest';
import { nodeTunnelTables } from '@epic/tunnel-plan';
import { dispatchInput } from '../dispatcher/plan-input.js';
import { envoyPod, seedWorld } from '../testdata/objects.js';
import { podIPsOf, withFoundInterfaces } from './local-table.js';

const world = seedWorld({
  pods: [
    envoyPod('a', 'sample-acnodal', 'epic-1', {
      podIP: '10.244.0.5',
      annotations: { 'epic.acnodal.io/ifindex': '99', 'epic.acnodal.io/ifname': 'stale' },
    }),
    envoyPod('b', 'sample-acnodal', 'epic-1', { podIP: '10.244.0.6' }),
  ],
});
const [table] = nodeTunnelTables(dispatchInput(world).plan);

describe('withFoundInterfaces', () => {
  it('puts in what the node found, and only that (an annotation may be stale)', () => {
    const local = withFoundInterfaces(
      table!,
      new Map([['10.244.0.6', { index: 7, name: 'veth7' }]]),
    );
    expect(local.proxies[0]?.pods).toEqual([
      { name: 'a', podIP: '10.244.0.5', interface: undefined },
      { name: 'b', podIP: '10.244.0.6', interface: { index: 7, name: 'veth7' } },
    ]);
    expect(local.problems.map((p) => p.kind)).toEqual(['no-interface']);
    expect(local.problems[0]?.message).toContain('Envoy pod epic-root/a');
    expect(local.hash).not.toBe(table!.hash);
  });

  it('with every veth found, no no-interface problem is left', () => {
    const found = new Map([
      ['10.244.0.5', { index: 5, name: 'veth5' }],
      ['10.244.0.6', { index: 6, name: 'veth6' }],
    ]);
    const local = withFoundInterfaces(table!, found);
    expect(local.problems).toEqual([]);
    expect(withFoundInterfaces(table!, found).hash).toBe(local.hash);
  });

  it('podIPsOf lists the pods to look for', () => {
    expect(podIPsOf(table!)).toEqual(['10.244.0.5', '10.244.0.6']);
  });
});
