import { describe, expect, it } from 'vitest';
import { nodeTunnelTable, nodeTunnelTables, type TunnelPlanInput } from './node-table.js';
import {
  clientA,
  clientB,
  endpoint,
  epic1,
  epic2,
  epic3,
  gwpRef,
  lbRef,
  pod,
  proxy,
  seedLoadBalancer,
  seedPod,
  tunnelMap,
} from './testdata/world.js';

const veth = (index: number) => ({ index, name: `veth${index}` });

describe('the seed example on one EPIC node', () => {
  const input: TunnelPlanInput = {
    proxies: [seedLoadBalancer()],
    pods: [seedPod()],
    nodes: [epic1],
  };

  it('gives one row per client node with both ends, the IDs and the gateways', () => {
    const [table] = nodeTunnelTables(input);
    expect(table).toMatchObject({ node: 'epic-1', address: '192.168.1.40', problems: [] });
    expect(table!.proxies).toEqual([
      {
        proxy: lbRef('sample-acnodal', 'epic-root'),
        firstEpicNode: true,
        pods: [
          {
            name: 'envoy-sample-0',
            podIP: '10.244.0.5',
            interface: { index: 16, name: 'veth67060f1f' },
          },
        ],
        tunnels: [
          {
            tunnelId: 2,
            clientAddress: clientA,
            clientPort: 6080,
            epicAddress: '192.168.1.40',
            epicPort: 6080,
            groupId: 1,
            serviceId: 1,
            tunnelKey: 'AAAAAAAAAAAAAAAAAAAAAA==',
            source: 'seed',
            endpoints: [{ address: '10.1.0.7', port: 8080, protocol: 'TCP' }],
          },
          {
            tunnelId: 1,
            clientAddress: clientB,
            clientPort: 6080,
            epicAddress: '192.168.1.40',
            epicPort: 6080,
            groupId: 1,
            serviceId: 1,
            tunnelKey: 'AAAAAAAAAAAAAAAAAAAAAA==',
            source: 'seed',
            endpoints: [{ address: '10.1.1.3', port: 8080, protocol: 'TCP' }],
          },
        ],
      },
    ]);
  });

  it('is a pure function: same input, same table and hash', () => {
    expect(nodeTunnelTables(input)).toEqual(nodeTunnelTables(input));
    expect(nodeTunnelTable(input, 'epic-1')).toEqual(nodeTunnelTables(input)[0]);
  });
});

describe('replicas on several EPIC nodes (epic-endpoints)', () => {
  const web = lbRef('web');
  const input: TunnelPlanInput = {
    nodes: [epic1, epic2],
    proxies: [
      proxy(web, {
        tunnels: tunnelMap({
          [clientA]: {
            seed: { address: epic1.address, id: 7 },
            pairs: { [epic1.address]: 7, [epic2.address]: 8 },
          },
        }),
        endpoints: [endpoint('10.1.0.7', clientA)],
      }),
    ],
    pods: [pod('web-a', web, epic1, veth(20)), pod('web-b', web, epic2, veth(30))],
  };

  it('gives each node the tunnel of its own pair', () => {
    const [one, two] = nodeTunnelTables(input);
    expect(one!.proxies[0]!.tunnels.map((r) => [r.tunnelId, r.epicAddress, r.source])).toEqual([
      [7, epic1.address, 'epic-endpoints'],
    ]);
    expect(two!.proxies[0]!.tunnels.map((r) => [r.tunnelId, r.epicAddress, r.source])).toEqual([
      [8, epic2.address, 'epic-endpoints'],
    ]);
    expect(one!.proxies[0]!.firstEpicNode).toBe(true);
    expect(two!.proxies[0]!.firstEpicNode).toBe(false);
  });

  it('reports a pair without an ID and leaves it out, never inventing one', () => {
    const onlyFirst = {
      ...input,
      proxies: [
        {
          ...input.proxies[0]!,
          tunnels: tunnelMap({ [clientA]: { pairs: { [epic1.address]: 7 } } }),
        },
      ],
    };
    const two = nodeTunnelTable(onlyFirst, 'epic-2');
    expect(two.proxies[0]!.tunnels).toEqual([]);
    expect(two.problems).toEqual([
      expect.objectContaining({
        kind: 'no-tunnel-id',
        clientAddress: clientA,
        epicAddress: epic2.address,
      }),
    ]);
    expect(two.problems[0]!.message).toBe(
      'LoadBalancer epic-acme/web has no tunnel ID yet for client node 192.168.1.16 and EPIC node epic-2 (192.168.1.41); its tunnel waits for the id-allocator',
    );
  });
});

describe('seed fields whose epic-address is not written yet', () => {
  const web = lbRef('web');
  const world = (pods: TunnelPlanInput['pods']): TunnelPlanInput => ({
    nodes: [epic1, epic2, epic3],
    proxies: [
      proxy(web, {
        tunnels: tunnelMap({ [clientA]: { seed: { id: 5 } } }),
        endpoints: [endpoint('10.1.0.7', clientA)],
      }),
    ],
    pods,
  });

  it.each([
    { hosts: [epic1], owner: 'epic-1' },
    { hosts: [epic1, epic2], owner: 'epic-1' },
    // 192.168.1.9 < 192.168.1.40 numerically: the lowest address, not the first name, owns them.
    { hosts: [epic1, epic3], owner: 'epic-3' },
  ])(
    'belong to the first EPIC node hosting a pod ($owner of $hosts.length)',
    ({ hosts, owner }) => {
      const tables = nodeTunnelTables(
        world(hosts.map((n, i) => pod(`web-${i}`, web, n, veth(40 + i)))),
      );
      const withTunnel = tables
        .filter((t) => t.proxies[0]?.tunnels.length === 1)
        .map((t) => t.node);
      expect(withTunnel).toEqual([owner]);
      const others = tables.filter((t) => t.proxies.length === 1 && t.node !== owner);
      expect(others.every((t) => t.problems.some((p) => p.kind === 'no-tunnel-id'))).toBe(true);
    },
  );

  it('belong to the node they name once written, even if it is not the first', () => {
    const named = world([pod('web-0', web, epic1, veth(40)), pod('web-1', web, epic3, veth(41))]);
    named.proxies = [
      {
        ...named.proxies[0]!,
        tunnels: tunnelMap({ [clientA]: { seed: { address: epic1.address, id: 5 } } }),
      },
    ];
    expect(nodeTunnelTable(named, 'epic-1').proxies[0]!.tunnels).toHaveLength(1);
    expect(nodeTunnelTable(named, 'epic-3').proxies[0]!.tunnels).toHaveLength(0);
  });
});

describe('what leaves a node', () => {
  const web = lbRef('web');
  const base: TunnelPlanInput = {
    nodes: [epic1, epic2],
    proxies: [
      seedLoadBalancer(),
      proxy(web, {
        tunnels: tunnelMap({ [clientA]: { pairs: { [epic1.address]: 9, [epic2.address]: 10 } } }),
        endpoints: [endpoint('10.1.0.8', clientA)],
      }),
    ],
    pods: [seedPod(), pod('web-a', web, epic1, veth(20)), pod('web-b', web, epic2, veth(30))],
  };
  const tunnelIds = (input: TunnelPlanInput) =>
    nodeTunnelTables(input).map((t) => t.proxies.flatMap((p) => p.tunnels.map((r) => r.tunnelId)));

  it('carries everything while nothing is being deleted', () => {
    // epic-acme/web sorts before epic-root/sample-acnodal.
    expect(tunnelIds(base)).toEqual([[9, 2, 1], [10]]);
  });

  it('drops a LoadBalancer being deleted from every node', () => {
    const deleting = {
      ...base,
      proxies: base.proxies.map((p) => (p.ref.name === 'web' ? { ...p, deleting: true } : p)),
    };
    expect(tunnelIds(deleting)).toEqual([[2, 1], []]);
    expect(nodeTunnelTables(deleting).flatMap((t) => t.proxies.map((p) => p.proxy.name))).toEqual([
      'sample-acnodal',
    ]);
  });

  it('drops a proxy from a node once its pod there is gone or terminating', () => {
    const moved = {
      ...base,
      pods: base.pods.map((p) => (p.name === 'web-b' ? { ...p, deleting: true } : p)),
    };
    expect(tunnelIds(moved)).toEqual([[9, 2, 1], []]);
  });

  it('drops a client node once no endpoint sits on it, and ad-hoc endpoints never need one', () => {
    const noEndpoints = {
      ...base,
      proxies: base.proxies.map((p) =>
        p.ref.name === 'web' ? { ...p, endpoints: [endpoint('10.9.9.9', undefined)] } : p,
      ),
    };
    expect(tunnelIds(noEndpoints)).toEqual([[2, 1], []]);
  });
});

describe('problems', () => {
  it('a pod without a known veth keeps its tunnels and is reported', () => {
    const table = nodeTunnelTable(
      { ...oneLb(), pods: [{ ...seedPod(), interface: undefined }] },
      'epic-1',
    );
    expect(table.proxies[0]!.tunnels).toHaveLength(2);
    expect(table.problems).toEqual([
      expect.objectContaining({ kind: 'no-interface', pod: 'envoy-sample-0' }),
    ]);
  });

  it('a pair entry and seed fields with different IDs: the pair wins, the clash is reported', () => {
    const lb = seedLoadBalancer();
    lb.tunnels = tunnelMap({
      [clientA]: { seed: { address: epic1.address, id: 2 }, pairs: { [epic1.address]: 3 } },
    });
    lb.endpoints = [endpoint('10.1.0.7', clientA)];
    const table = nodeTunnelTable({ ...oneLb(), proxies: [lb] }, 'epic-1');
    expect(table.proxies[0]!.tunnels.map((r) => r.tunnelId)).toEqual([3]);
    expect(table.problems).toEqual([
      expect.objectContaining({ kind: 'conflicting-tunnel-ids', tunnelId: 3, seedTunnelId: 2 }),
    ]);
  });

  it('reports a duplicate ID and drops the later row', () => {
    const a = proxy(lbRef('a'), {
      tunnels: tunnelMap({ [clientA]: { seed: { address: epic1.address, id: 4 } } }),
      endpoints: [endpoint('10.1.0.1', clientA)],
    });
    const b = proxy(lbRef('b'), {
      tunnels: tunnelMap({ [clientB]: { seed: { address: epic1.address, id: 4 } } }),
      endpoints: [endpoint('10.1.0.2', clientB)],
    });
    const table = nodeTunnelTable(
      {
        nodes: [epic1],
        proxies: [b, a],
        pods: [pod('a-0', a.ref, epic1, veth(1)), pod('b-0', b.ref, epic1, veth(2))],
      },
      'epic-1',
    );
    expect(table.proxies.map((p) => p.tunnels.map((r) => r.tunnelId))).toEqual([[4], []]);
    expect(table.problems).toEqual([
      expect.objectContaining({
        kind: 'duplicate-tunnel-id',
        tunnelId: 4,
        proxy: b.ref,
        keptProxy: a.ref,
      }),
    ]);
  });

  it('says when a node needs more tunnels than its data plane holds', () => {
    const clients = Array.from(
      { length: 65536 },
      (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    );
    const big = proxy(lbRef('big'), {
      tunnels: tunnelMap(
        Object.fromEntries(clients.map((c, i) => [c, { pairs: { [epic1.address]: i + 1 } }])),
      ),
      endpoints: clients.map((c) => endpoint('10.200.0.1', c)),
    });
    const table = nodeTunnelTable(
      { nodes: [epic1], proxies: [big], pods: [pod('big-0', big.ref, epic1, veth(3))] },
      'epic-1',
    );
    expect(table.problems).toEqual([
      {
        kind: 'tunnel-map-full',
        count: 65536,
        limit: 65535,
        message: 'node epic-1 needs 65536 tunnels but its data plane holds at most 65535',
      },
    ]);
  });
});

describe('inputs', () => {
  it('GWProxies are carried like LoadBalancers', () => {
    const gw = proxy(gwpRef('gw-uid'), {
      groupId: 3,
      tunnels: tunnelMap({ [clientA]: { pairs: { [epic1.address]: 11 } } }),
      endpoints: [endpoint('10.1.0.7', clientA, 80)],
    });
    const table = nodeTunnelTable(
      { nodes: [epic1], proxies: [gw], pods: [pod('gw-0', gw.ref, epic1, veth(4))] },
      'epic-1',
    );
    expect(table.proxies[0]!.tunnels[0]).toMatchObject({
      tunnelId: 11,
      groupId: 3,
      serviceId: undefined,
    });
  });

  it('endpoints on one client node are deduplicated and sorted', () => {
    const lb = seedLoadBalancer();
    lb.endpoints = [
      endpoint('10.1.0.10', clientA, 80),
      endpoint('10.1.0.9', clientA, 81, 'UDP'),
      endpoint('10.1.0.9', clientA, 81, 'UDP'),
      endpoint('10.1.0.9', clientA, 80),
    ];
    const row = nodeTunnelTable({ ...oneLb(), proxies: [lb] }, 'epic-1').proxies[0]!.tunnels[0]!;
    expect(row.endpoints).toEqual([
      { address: '10.1.0.9', port: 80, protocol: 'TCP' },
      { address: '10.1.0.9', port: 81, protocol: 'UDP' },
      { address: '10.1.0.10', port: 80, protocol: 'TCP' },
    ]);
  });

  it('a node without proxies gets an empty table', () => {
    const tables = nodeTunnelTables({ ...oneLb(), nodes: [epic2, epic1] });
    expect(tables.map((t) => [t.node, t.proxies.length])).toEqual([
      ['epic-1', 1],
      ['epic-2', 0],
    ]);
  });

  it.each([
    ['a node listed twice', { nodes: [epic1, epic1] }, /epic-1 is listed twice/],
    [
      'a proxy listed twice',
      { proxies: [seedLoadBalancer(), seedLoadBalancer()] },
      /LoadBalancer\/epic-root\/sample-acnodal is listed twice/,
    ],
  ])('rejects %s', (_, patch, error) => {
    expect(() => nodeTunnelTables({ ...oneLb(), ...patch })).toThrow(error);
  });

  it('rejects an unknown node name', () => {
    expect(() => nodeTunnelTable(oneLb(), 'nope')).toThrow(
      'node nope is not an EPIC node of this input',
    );
  });
});

describe('determinism and the content hash', () => {
  const web = lbRef('web');
  const input: TunnelPlanInput = {
    nodes: [epic1, epic2],
    proxies: [
      seedLoadBalancer(),
      proxy(web, {
        tunnels: tunnelMap({
          [clientA]: { pairs: { [epic1.address]: 9 } },
          [clientB]: { pairs: { [epic1.address]: 12 } },
        }),
        endpoints: [endpoint('10.1.0.8', clientA), endpoint('10.1.1.8', clientB)],
      }),
    ],
    pods: [seedPod(), pod('web-b', web, epic1, veth(31)), pod('web-a', web, epic1, undefined)],
  };

  it('does not depend on input order', () => {
    const shuffled: TunnelPlanInput = {
      nodes: [...input.nodes].reverse(),
      proxies: [...input.proxies]
        .reverse()
        .map((p) => ({ ...p, endpoints: [...p.endpoints].reverse() })),
      pods: [...input.pods].reverse(),
    };
    expect(nodeTunnelTables(shuffled)).toEqual(nodeTunnelTables(input));
  });

  it('changes when anything programmable changes, and only then', () => {
    const hash = (i: TunnelPlanInput) => nodeTunnelTable(i, 'epic-1').hash;
    expect(hash(input)).toMatch(/^[0-9a-f]{16}$/);
    expect(hash({ ...input, nodes: [epic1, { ...epic2, address: '192.168.1.99' }] })).toBe(
      hash(input),
    );
    const keyed = input.proxies.map((p) => ({ ...p, tunnelKey: 'BBBBBBBBBBBBBBBBBBBBBA==' }));
    expect(hash({ ...input, proxies: keyed })).not.toBe(hash(input));
    const repinned = input.pods.map((p) =>
      p.name === 'web-b' ? { ...p, interface: veth(32) } : p,
    );
    expect(hash({ ...input, pods: repinned })).not.toBe(hash(input));
  });
});

function oneLb(): TunnelPlanInput {
  return { proxies: [seedLoadBalancer()], pods: [seedPod()], nodes: [epic1] };
}
