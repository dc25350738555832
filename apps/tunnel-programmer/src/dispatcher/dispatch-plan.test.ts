// The dispatcher's decisions as a story: a LoadBalancer gets a pod, moves, gets a second
// replica, is deleted; a node goes away. After each step: which node payloads release it, and
// which finalizers the dispatcher adds or removes.
import { describe, expect, it } from 'vitest';
import { agentFinalizer, nodeTunnelTables, type ProxyRef } from '@epic/tunnel-plan';
import {
  clientA,
  envoyPod,
  epic1,
  loadBalancer,
  node,
  remoteEndpoint,
  seedWorld,
} from '../testdata/objects.js';
import { applyFinalizerChange, planDispatch } from './dispatch-plan.js';
import { dispatchInput } from './plan-input.js';
import type { World } from './world-reader.js';

const lb: ProxyRef = { kind: 'LoadBalancer', namespace: 'epic-root', name: 'sample-acnodal' };
const on = (n: string) => agentFinalizer('LoadBalancer', n);

function plan(world: World, agentless: string[] = []) {
  const input = dispatchInput(world);
  return planDispatch({
    tables: nodeTunnelTables(input.plan),
    proxies: input.proxies,
    otherNodes: input.nodesWithoutAddress,
    agentless,
  });
}

function releases(world: World): Record<string, string[]> {
  return Object.fromEntries(
    plan(world).payloads.map((p) => [p.node, p.release.map((r) => r.name)]),
  );
}

describe('planDispatch: a LoadBalancer through its life', () => {
  it('1. a pod on epic-1: add epic-1 finalizer; nothing to release', () => {
    const world = seedWorld();
    expect(plan(world).finalizers).toEqual([{ ref: lb, add: [on('epic-1')], remove: [] }]);
    expect(releases(world)).toEqual({ 'epic-1': [], 'epic-2': [] });
  });

  it('2. finalizer in place: no change', () => {
    const world = seedWorld({
      loadBalancers: [loadBalancer(undefined, { finalizers: [on('epic-1')] })],
    });
    expect(plan(world).finalizers).toEqual([]);
  });

  it('3. the pod moved to epic-2: add epic-2; epic-1 releases after taking its tunnels off', () => {
    const world = seedWorld({
      loadBalancers: [loadBalancer(undefined, { finalizers: [on('epic-1')] })],
      pods: [envoyPod('envoy-sample-1', 'sample-acnodal', 'epic-2')],
    });
    expect(plan(world).finalizers).toEqual([{ ref: lb, add: [on('epic-2')], remove: [] }]);
    expect(releases(world)).toEqual({ 'epic-1': ['sample-acnodal'], 'epic-2': [] });
  });

  it('4. replicas on both nodes: both finalizers, no release', () => {
    const world = seedWorld({
      loadBalancers: [loadBalancer(undefined, { finalizers: [on('epic-2')] })],
      pods: [envoyPod('a', 'sample-acnodal', 'epic-1'), envoyPod('b', 'sample-acnodal', 'epic-2')],
    });
    expect(plan(world).finalizers).toEqual([{ ref: lb, add: [on('epic-1')], remove: [] }]);
    expect(releases(world)).toEqual({ 'epic-1': [], 'epic-2': [] });
  });

  it('5. deleting: no node carries it, every node holding a finalizer releases it, none added', () => {
    const world = seedWorld({
      loadBalancers: [
        loadBalancer(undefined, {
          finalizers: [on('epic-1'), on('epic-2')],
          deletionTimestamp: '2024-01-01T00:00:00Z',
        }),
      ],
      pods: [envoyPod('a', 'sample-acnodal', 'epic-1'), envoyPod('b', 'sample-acnodal', 'epic-2')],
    });
    const p = plan(world);
    expect(p.finalizers).toEqual([]);
    expect(releases(world)).toEqual({ 'epic-1': ['sample-acnodal'], 'epic-2': ['sample-acnodal'] });
    expect(p.payloads.every((payload) => payload.table.proxies.length === 0)).toBe(true);
  });

  it('6. epic-2 is gone: the dispatcher removes its finalizer (its agent never will)', () => {
    const world = seedWorld({
      loadBalancers: [loadBalancer(undefined, { finalizers: [on('epic-1'), on('epic-2')] })],
      nodes: [node('epic-1', epic1.address)],
    });
    expect(plan(world).finalizers).toEqual([{ ref: lb, add: [], remove: [on('epic-2')] }]);
  });

  it('6b. a node that exists without an address is not gone', () => {
    const world = seedWorld({
      loadBalancers: [loadBalancer(undefined, { finalizers: [on('epic-1'), on('epic-2')] })],
      nodes: [node('epic-1', epic1.address), node('epic-2')],
    });
    expect(plan(world).finalizers).toEqual([]);
  });
});

describe('planDispatch: agents that are not alive', () => {
  const both = [on('epic-1'), on('epic-2')];

  it('a deleting LB does not wait for a node whose agent is gone', () => {
    const world = seedWorld({
      loadBalancers: [
        loadBalancer(undefined, { finalizers: both, deletionTimestamp: '2024-01-01T00:00:00Z' }),
      ],
    });
    expect(plan(world, ['epic-2']).finalizers).toEqual([
      { ref: lb, add: [], remove: [on('epic-2')] },
    ]);
  });

  it('a live LB keeps the finalizer: the agent may still come', () => {
    const world = seedWorld({ loadBalancers: [loadBalancer(undefined, { finalizers: both })] });
    expect(plan(world, ['epic-2']).finalizers).toEqual([]);
  });
});

describe('payload hashes', () => {
  it('change with the table and with the release list, not otherwise', () => {
    const [base0, base1] = plan(seedWorld()).payloads.map((p) => p.hash);
    expect(plan(seedWorld()).payloads.map((p) => p.hash)).toEqual([base0, base1]);
    const moreEndpoints = plan(
      seedWorld({
        remoteEndpoints: [
          ...seedWorld().remoteEndpoints,
          remoteEndpoint('sample-acnodal', '10.1.0.9', clientA),
        ],
      }),
    ).payloads.map((p) => p.hash);
    expect(moreEndpoints).toEqual([expect.not.stringMatching(`^${base0}$`), base1]);
    const released = plan(
      seedWorld({ loadBalancers: [loadBalancer(undefined, { finalizers: [on('epic-2')] })] }),
    ).payloads;
    expect(released.map((p) => p.hash)).toEqual([base0, expect.not.stringMatching(`^${base1}$`)]);
    expect(released.map((p) => p.table.hash)).toEqual(
      plan(seedWorld()).payloads.map((p) => p.table.hash),
    );
  });
});

describe('applyFinalizerChange', () => {
  const row = (
    title: string,
    current: string[] | undefined,
    change: { add: string[]; remove: string[]; deleting?: boolean },
    expected: string[] | undefined,
  ) => ({ title, current, change, expected });
  it.each([
    row('adds', ['x'], { add: ['a'], remove: [] }, ['x', 'a']),
    row('adds to none', undefined, { add: ['a'], remove: [] }, ['a']),
    row('keeps what is there', ['a'], { add: ['a'], remove: [] }, undefined),
    row('removes', ['a', 'b'], { add: [], remove: ['a'] }, ['b']),
    row(
      'never adds to a deleting object',
      ['b'],
      { add: ['a'], remove: [], deleting: true },
      undefined,
    ),
    row(
      'still removes from a deleting object',
      ['a', 'b'],
      { add: ['c'], remove: ['a'], deleting: true },
      ['b'],
    ),
  ])('$title', ({ current, change, expected }) => {
    expect(applyFinalizerChange(current, change, change.deleting ?? false)).toEqual(expected);
  });
});
