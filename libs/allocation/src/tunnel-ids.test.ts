// Tunnel IDs as a MetalLB-style story, starting from the seed's example (EPIC counter 4, LB
// sample-acnodal holding tunnels 1 and 2), plus tables for the merge into gue-tunnel-endpoints.
import { describe, expect, it } from 'vitest';
import { EPIC, LoadBalancer, type GueTunnelEndpoints, type LoadBalancerStatus } from '@epic/model';
import { seedEpic, seedLoadBalancer } from '@epic/model/testdata';
import { uint32Max } from './counter.js';
import {
  applyTunnelIds,
  nodeAddressesOf,
  planTunnelIds,
  type TunnelIdPlan,
  type TunnelWant,
} from './tunnel-ids.js';
import { epicWith, gueEndpoint, loadBalancerIn, remoteEndpointIn } from './testdata/index.js';

interface World {
  epic: EPIC;
  lbs: Map<string, LoadBalancer>;
  /** LB key -> client node addresses its RemoteEndpoints sit on. */
  nodes: Map<string, string[]>;
  start: number;
  handedOut: number[];
}

type Expected = Record<string, Record<string, number>> | 'nothing-to-do' | 'exhausted';

type Step =
  | { do: 'create'; lb: string }
  | { do: 'endpoints'; lb: string; nodes: string[] }
  /** The tunnel-programmer fills a field it owns on an existing entry. */
  | { do: 'program'; lb: string; node: string; epicAddress: string }
  | { do: 'allocate'; expect: Expected }
  | { do: 'claim-then-crash'; expect: Expected };

const key = (lb: LoadBalancer) => `${lb.metadata.namespace}/${lb.metadata.name}`;

function seedWorld(): World {
  const lb = LoadBalancer.parse(seedLoadBalancer);
  return {
    epic: EPIC.parse(seedEpic),
    lbs: new Map([[key(lb), lb]]),
    nodes: new Map(),
    start: 4,
    handedOut: [],
  };
}

function wants(world: World): TunnelWant[] {
  return [...world.lbs.values()].map((lb) => ({
    lb: { namespace: lb.metadata.namespace ?? '', name: lb.metadata.name ?? '' },
    nodeAddresses: world.nodes.get(key(lb)) ?? [],
    existing: lb.status?.['gue-tunnel-endpoints'],
  }));
}

function claim(world: World): TunnelIdPlan {
  const plan = planTunnelIds(world.epic, wants(world));
  if (plan.kind !== 'claim') return plan;
  world.epic = { ...world.epic, status: plan.epicStatus };
  world.handedOut.push(...plan.assignments.flatMap((a) => Object.values(a.tunnelIds)));
  return plan;
}

function claimed(plan: TunnelIdPlan): Expected {
  if (plan.kind !== 'claim') return plan.kind;
  return Object.fromEntries(
    plan.assignments.map((a) => [`${a.lb.namespace}/${a.lb.name}`, a.tunnelIds]),
  );
}

function updateStatus(
  world: World,
  lbKey: string,
  change: (s: LoadBalancerStatus | undefined) => LoadBalancerStatus | undefined,
) {
  const lb = world.lbs.get(lbKey);
  const status = lb && change(lb.status);
  if (lb && status) world.lbs.set(lbKey, { ...lb, status });
}

function apply(world: World, step: Step): void {
  switch (step.do) {
    case 'create': {
      const [account, name] = step.lb.split('/');
      const lb = loadBalancerIn(account!.replace(/^epic-/, ''), name!);
      world.lbs.set(key(lb), lb);
      return;
    }
    case 'endpoints':
      world.nodes.set(step.lb, step.nodes);
      return;
    case 'program':
      updateStatus(world, step.lb, (s) => {
        const entries = s?.['gue-tunnel-endpoints'] ?? {};
        const entry = entries[step.node]!;
        return {
          ...s,
          'gue-tunnel-endpoints': {
            ...entries,
            [step.node]: { ...entry, 'epic-address': step.epicAddress },
          },
        };
      });
      return;
    case 'allocate':
    case 'claim-then-crash': {
      const plan = claim(world);
      expect(claimed(plan)).toEqual(step.expect);
      if (plan.kind !== 'claim' || step.do === 'claim-then-crash') return;
      for (const a of plan.assignments) {
        updateStatus(world, `${a.lb.namespace}/${a.lb.name}`, (s) =>
          applyTunnelIds(s, a.tunnelIds, gueEndpoint),
        );
      }
      return;
    }
  }
}

function heldIds(world: World): Map<string, number> {
  const held = new Map<string, number>();
  for (const [lbKey, lb] of world.lbs) {
    for (const [node, entry] of Object.entries(lb.status?.['gue-tunnel-endpoints'] ?? {})) {
      if (entry['tunnel-id'] !== undefined) held.set(`${lbKey} ${node}`, entry['tunnel-id']);
    }
  }
  return held;
}

function checkInvariants(world: World, before: Map<string, number>): void {
  const held = heldIds(world);
  expect(new Set(held.values()).size, 'no tunnel ID is held twice system-wide').toBe(held.size);
  expect(new Set(world.handedOut).size, 'no tunnel ID is handed out twice').toBe(
    world.handedOut.length,
  );
  const counter = world.epic.status?.['current-tunnel-id'] ?? 0;
  expect(counter, 'counter == last handed out').toBe(Math.max(world.start, ...world.handedOut));
  for (const [pair, id] of held) {
    expect(id <= world.start || world.handedOut.includes(id), `${pair}: ${id} was claimed`).toBe(
      true,
    );
  }
  for (const [pair, id] of before) expect(held.get(pair), `${pair} keeps its tunnel ID`).toBe(id);
}

function runStory(world: World, steps: Step[]): World {
  for (const step of steps) {
    const before = heldIds(world);
    apply(world, step);
    checkInvariants(world, before);
  }
  return world;
}

const sample = 'epic-root/sample-acnodal';
const web = 'epic-acme/web';

describe('tunnel ID stories', () => {
  it('continues from the seed: new nodes get IDs, seeded ones keep theirs, IDs are system-wide', () => {
    const world = runStory(seedWorld(), [
      { do: 'endpoints', lb: sample, nodes: ['192.168.1.16', '192.168.1.25'] },
      { do: 'allocate', expect: 'nothing-to-do' },
      { do: 'endpoints', lb: sample, nodes: ['192.168.1.16', '192.168.1.25', '192.168.1.30'] },
      { do: 'allocate', expect: { [sample]: { '192.168.1.30': 5 } } },
      { do: 'create', lb: web },
      // The same client node behind two LBs is two tunnels; a node listed twice is one.
      { do: 'endpoints', lb: web, nodes: ['192.168.1.30', '10.0.0.2', '10.0.0.1', '10.0.0.2'] },
      { do: 'endpoints', lb: sample, nodes: ['192.168.1.31', '192.168.1.30'] },
      {
        do: 'allocate',
        expect: {
          [web]: { '10.0.0.1': 6, '10.0.0.2': 7, '192.168.1.30': 8 },
          [sample]: { '192.168.1.31': 9 },
        },
      },
      { do: 'program', lb: web, node: '10.0.0.1', epicAddress: '192.168.1.40' },
      { do: 'allocate', expect: 'nothing-to-do' },
    ]);
    const entries = world.lbs.get(web)?.status?.['gue-tunnel-endpoints'];
    expect(entries?.['10.0.0.1']).toEqual({
      ...gueEndpoint,
      'epic-address': '192.168.1.40',
      'tunnel-id': 6,
    });
    expect(world.lbs.get(sample)?.status?.['proxy-ifname']).toBe('veth67060f1f');
  });

  it('a crash between claim and record leaks IDs and never duplicates them', () => {
    runStory(seedWorld(), [
      { do: 'endpoints', lb: sample, nodes: ['192.168.1.40', '192.168.1.41'] },
      { do: 'claim-then-crash', expect: { [sample]: { '192.168.1.40': 5, '192.168.1.41': 6 } } },
      { do: 'allocate', expect: { [sample]: { '192.168.1.40': 7, '192.168.1.41': 8 } } },
      { do: 'allocate', expect: 'nothing-to-do' },
    ]);
  });
});

describe('planTunnelIds', () => {
  const lb = { namespace: 'epic-acme', name: 'web' };

  it('does not depend on the order of wants, and merges an LB listed twice', () => {
    const a = { lb, nodeAddresses: ['10.0.0.2'], existing: undefined };
    const b = {
      lb: { namespace: 'epic-acme', name: 'api' },
      nodeAddresses: ['10.0.0.9'],
      existing: undefined,
    };
    const c = { lb, nodeAddresses: ['10.0.0.1', '10.0.0.2'], existing: undefined };
    const expected = {
      kind: 'claim',
      epicStatus: { 'current-tunnel-id': 3 },
      assignments: [
        { lb: b.lb, tunnelIds: { '10.0.0.9': 1 } },
        { lb, tunnelIds: { '10.0.0.1': 2, '10.0.0.2': 3 } },
      ],
    };
    expect(planTunnelIds(epicWith(), [a, b, c])).toEqual(expected);
    expect(planTunnelIds(epicWith(), [c, b, a])).toEqual(expected);
  });

  it('treats an entry without a tunnel-id (or with 0) as needing one', () => {
    const existing = {
      '10.0.0.1': { 'epic-port': gueEndpoint['epic-port'], 'epic-address': '192.168.1.40' },
      '10.0.0.2': { 'epic-port': gueEndpoint['epic-port'], 'tunnel-id': 0 },
      '10.0.0.3': { 'epic-port': gueEndpoint['epic-port'], 'tunnel-id': 1 },
    };
    const plan = planTunnelIds(epicWith({ 'current-tunnel-id': 1 }), [
      { lb, nodeAddresses: ['10.0.0.1', '10.0.0.2', '10.0.0.3'], existing },
    ]);
    expect(plan).toMatchObject({
      assignments: [{ lb, tunnelIds: { '10.0.0.1': 2, '10.0.0.2': 3 } }],
    });
  });

  it.each([
    { last: uint32Max - 2, nodes: 2, expected: { kind: 'claim' } },
    { last: uint32Max - 1, nodes: 2, expected: { kind: 'exhausted', asked: 2, remaining: 1 } },
    { last: uint32Max, nodes: 1, expected: { kind: 'exhausted', asked: 1, remaining: 0 } },
  ])(
    'is all or nothing at the 32-bit limit (counter $last, $nodes nodes)',
    ({ last, nodes, expected }) => {
      const nodeAddresses = ['10.0.0.1', '10.0.0.2'].slice(0, nodes);
      const plan = planTunnelIds(epicWith({ 'current-tunnel-id': last }), [
        { lb, nodeAddresses, existing: undefined },
      ]);
      expect(plan).toMatchObject(expected);
    },
  );

  it('names the shortfall when exhausted', () => {
    const plan = planTunnelIds(epicWith({ 'current-tunnel-id': uint32Max - 1 }), [
      { lb, nodeAddresses: ['10.0.0.1', '10.0.0.2'], existing: undefined },
      { lb: { ...lb, name: 'api' }, nodeAddresses: ['10.0.0.1'], existing: undefined },
    ]);
    expect(plan.kind === 'exhausted' && plan.message).toBe(
      'EPIC epic/epic: 2 LoadBalancers need 3 tunnel IDs but only 1 of 4294967295 remain ' +
        '(status.current-tunnel-id is 4294967294)',
    );
  });
});

describe('applyTunnelIds', () => {
  const owned = {
    'epic-address': '192.168.1.40',
    'epic-port': { port: 7000, protocol: 'UDP' as const, appProtocol: 'gue' },
    'epic-endpoints': {
      '192.168.1.41': { 'epic-port': gueEndpoint['epic-port'], 'tunnel-id': 99 },
    },
  };

  interface MergeCase {
    case: string;
    status: LoadBalancerStatus | undefined;
    ids: Record<string, number>;
    expected: GueTunnelEndpoints;
  }

  it.each<MergeCase>([
    {
      case: 'no status yet',
      status: undefined,
      ids: { n1: 5 },
      expected: { n1: { ...gueEndpoint, 'tunnel-id': 5 } },
    },
    {
      case: 'an entry other workers filled',
      status: { 'gue-tunnel-endpoints': { n1: owned } },
      ids: { n1: 5 },
      expected: { n1: { ...owned, 'tunnel-id': 5 } },
    },
    {
      case: 'a new node next to a held one',
      status: { 'gue-tunnel-endpoints': { n1: { ...owned, 'tunnel-id': 1 } } },
      ids: { n2: 5 },
      expected: { n1: { ...owned, 'tunnel-id': 1 }, n2: { ...gueEndpoint, 'tunnel-id': 5 } },
    },
    {
      case: 'a held ID stays (ours leaks)',
      status: { 'gue-tunnel-endpoints': { n1: { ...owned, 'tunnel-id': 1 } } },
      ids: { n1: 5, n2: 6 },
      expected: { n1: { ...owned, 'tunnel-id': 1 }, n2: { ...gueEndpoint, 'tunnel-id': 6 } },
    },
  ])('merges without clobbering: $case', ({ status, ids, expected }) => {
    expect(applyTunnelIds(status, ids, gueEndpoint)?.['gue-tunnel-endpoints']).toEqual(expected);
  });

  it('starts a new entry from the EPIC endpoint, copying epic-address only when it is set', () => {
    const endpoint = { ...gueEndpoint, 'epic-address': '192.168.1.40' };
    expect(applyTunnelIds(undefined, { n1: 5 }, endpoint)).toEqual({
      'gue-tunnel-endpoints': { n1: { ...endpoint, 'tunnel-id': 5 } },
    });
  });

  it('keeps the other status fields and does not touch its input', () => {
    const status = { 'proxy-ifindex': 16, 'gue-tunnel-endpoints': { n1: owned } };
    const frozen = structuredClone(status);
    expect(applyTunnelIds(status, { n2: 3 }, gueEndpoint)).toMatchObject({ 'proxy-ifindex': 16 });
    expect(status).toEqual(frozen);
  });

  it('is idempotent: the same assignment applied twice changes nothing the second time', () => {
    const once = applyTunnelIds(undefined, { n1: 5, n2: 6 }, gueEndpoint);
    expect(applyTunnelIds(once, { n1: 5, n2: 6 }, gueEndpoint)).toBeUndefined();
    expect(applyTunnelIds(once, {}, gueEndpoint)).toBeUndefined();
    const plan = planTunnelIds(epicWith({ 'current-tunnel-id': 6 }), [
      {
        lb: { namespace: 'epic-acme', name: 'web' },
        nodeAddresses: ['n1', 'n2'],
        existing: once?.['gue-tunnel-endpoints'],
      },
    ]);
    expect(plan).toEqual({ kind: 'nothing-to-do' });
  });
});

describe('nodeAddressesOf', () => {
  it('lists distinct node addresses of live RemoteEndpoints, sorted', () => {
    const endpoints = [
      remoteEndpointIn('acme', 'a', { nodeAddress: '10.0.0.2' }),
      remoteEndpointIn('acme', 'b', { nodeAddress: '10.0.0.1' }),
      remoteEndpointIn('acme', 'c', { nodeAddress: '10.0.0.2' }),
      remoteEndpointIn('acme', 'd'),
      remoteEndpointIn('acme', 'e', { nodeAddress: '10.0.0.3', deleting: true }),
    ];
    expect(nodeAddressesOf(endpoints)).toEqual(['10.0.0.1', '10.0.0.2']);
  });
});
