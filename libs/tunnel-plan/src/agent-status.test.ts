import type { GueTunnelEndpoints, LoadBalancerStatus } from '@epic/model';
import { describe, expect, it } from 'vitest';
import { agentStatusFields, mergeAgentStatus, type AgentStatusFields } from './agent-status.js';
import { nodeTunnelTable, nodeTunnelTables } from './node-table.js';
import { pick, prng } from './testdata/prng.js';
import {
  clientA,
  clientB,
  endpoint,
  epic1,
  epic2,
  gwpRef,
  lbRef,
  pod,
  proxy,
  seedLoadBalancer,
  seedPod,
  tunnelMap,
} from './testdata/world.js';

const here = epic1.address;
const there = epic2.address;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('agentStatusFields (from the node table)', () => {
  it("the seed example: both seed entries and the pod veth are this node's to write", () => {
    const lb = seedLoadBalancer();
    lb.tunnels = tunnelMap({ [clientA]: { seed: { id: 2 } }, [clientB]: { seed: { id: 1 } } });
    const table = nodeTunnelTable({ proxies: [lb], pods: [seedPod()], nodes: [epic1] }, 'epic-1');
    expect(agentStatusFields(table, lb.ref)).toEqual({
      nodeAddress: here,
      seedClients: [clientA, clientB],
      pairClients: [],
      proxyInterface: { index: 16, name: 'veth67060f1f' },
    });
    expect(agentStatusFields(table, lbRef('elsewhere'))).toBeUndefined();
  });

  it('only the first EPIC node of a LoadBalancer writes proxy-ifindex; never for a GWProxy', () => {
    const web = proxy(lbRef('web'), {
      tunnels: tunnelMap({ [clientA]: { pairs: { [here]: 7, [there]: 8 } } }),
      endpoints: [endpoint('10.1.0.7', clientA)],
    });
    const gw = proxy(gwpRef('gw'), {
      tunnels: tunnelMap({ [clientA]: { pairs: { [here]: 9 } } }),
      endpoints: [endpoint('10.1.0.8', clientA)],
    });
    const pods = [
      pod('web-a', web.ref, epic1, { index: 20, name: 'veth20' }),
      pod('web-b', web.ref, epic2, { index: 30, name: 'veth30' }),
      pod('gw-a', gw.ref, epic1, { index: 40, name: 'veth40' }),
    ];
    const [one, two] = nodeTunnelTables({ proxies: [web, gw], pods, nodes: [epic1, epic2] });
    expect(agentStatusFields(one!, web.ref)).toEqual({
      nodeAddress: here,
      seedClients: [],
      pairClients: [clientA],
      proxyInterface: { index: 20, name: 'veth20' },
    });
    expect(agentStatusFields(two!, web.ref)).toEqual({
      nodeAddress: there,
      seedClients: [],
      pairClients: [clientA],
      proxyInterface: undefined,
    });
    expect(agentStatusFields(one!, gw.ref)?.proxyInterface).toBeUndefined();
  });
});

describe('mergeAgentStatus', () => {
  const fields: AgentStatusFields = {
    nodeAddress: here,
    seedClients: [clientA, clientB],
    pairClients: [clientA],
    proxyInterface: { index: 16, name: 'veth67060f1f' },
  };

  it('fills empty epic-addresses and the veth, touching nothing else', () => {
    const tunnels = tunnelMap({
      [clientA]: { seed: { id: 2 }, pairs: { [here]: 2, [there]: 5 } },
      [clientB]: { seed: { id: 1 } },
    });
    delete tunnels[clientA]!['epic-endpoints']![here]!['epic-address'];
    const status = deepFreeze<LoadBalancerStatus>({
      'gue-tunnel-endpoints': tunnels,
      observedGeneration: 3,
    });
    const merged = mergeAgentStatus(status, fields);
    expect(merged).toEqual({
      'gue-tunnel-endpoints': {
        [clientA]: {
          'epic-address': here,
          'epic-port': { port: 6080, protocol: 'UDP', appProtocol: 'gue' },
          'tunnel-id': 2,
          'epic-endpoints': {
            [here]: {
              'epic-address': here,
              'epic-port': { port: 6080, protocol: 'UDP', appProtocol: 'gue' },
              'tunnel-id': 2,
            },
            [there]: {
              'epic-address': there,
              'epic-port': { port: 6080, protocol: 'UDP', appProtocol: 'gue' },
              'tunnel-id': 5,
            },
          },
        },
        [clientB]: {
          'epic-address': here,
          'epic-port': { port: 6080, protocol: 'UDP', appProtocol: 'gue' },
          'tunnel-id': 1,
        },
      },
      'proxy-ifindex': 16,
      'proxy-ifname': 'veth67060f1f',
      observedGeneration: 3,
    });
    expect(mergeAgentStatus(merged, fields)).toBeUndefined();
  });

  it.each<[string, GueTunnelEndpoints]>([
    [
      'seed fields naming another node',
      tunnelMap({ [clientA]: { seed: { address: there, id: 2 } } }),
    ],
    ['seed fields without a tunnel ID', tunnelMap({ [clientA]: {} })],
    ['no entry for the client node (the allocator dropped it)', {}],
  ])('leaves alone %s', (_, tunnels) => {
    const status = deepFreeze({
      'gue-tunnel-endpoints': tunnels,
      'proxy-ifindex': 16,
      'proxy-ifname': 'veth67060f1f',
    });
    expect(mergeAgentStatus(status, fields)).toBeUndefined();
  });

  it("fills the seed epic-address from the first node's pair row when both name one tunnel", () => {
    // The allocator writes the seed fields and, once replicas spread, epic-endpoints too: the
    // first node's row comes from its pair entry, but the seed is the same tunnel.
    const tunnels = tunnelMap({
      [clientA]: { seed: { id: 2 }, pairs: { [here]: 2, [there]: 5 } },
      [clientB]: { seed: { id: 9 }, pairs: { [here]: 3 } },
    });
    const pairsOnly = { ...fields, seedClients: [], pairClients: [clientA, clientB] };
    const merged = mergeAgentStatus({ 'gue-tunnel-endpoints': tunnels }, pairsOnly);
    expect(merged?.['gue-tunnel-endpoints']?.[clientA]?.['epic-address']).toBe(here);
    // A seed with another ID is not this node's tunnel (a conflict the table reports).
    expect(merged?.['gue-tunnel-endpoints']?.[clientB]?.['epic-address']).toBeUndefined();
    const fromThere = mergeAgentStatus(
      { 'gue-tunnel-endpoints': tunnels },
      { ...pairsOnly, nodeAddress: there, pairClients: [clientA] },
    );
    expect(fromThere?.['gue-tunnel-endpoints']?.[clientA]?.['epic-address']).toBeUndefined();
    expect(mergeAgentStatus(merged, pairsOnly)).toBeUndefined();
  });

  it('starts from no status at all without inventing tunnels', () => {
    expect(mergeAgentStatus<LoadBalancerStatus>(undefined, fields)).toEqual({
      'proxy-ifindex': 16,
      'proxy-ifname': 'veth67060f1f',
    });
    expect(mergeAgentStatus(undefined, { ...fields, proxyInterface: undefined })).toBeUndefined();
  });

  it('updates a stale veth (the pod was re-created)', () => {
    const status = { 'proxy-ifindex': 16, 'proxy-ifname': 'veth67060f1f' };
    expect(
      mergeAgentStatus(status, {
        ...fields,
        seedClients: [],
        pairClients: [],
        proxyInterface: { index: 23, name: 'veth0a1b2c3d' },
      }),
    ).toEqual({ 'proxy-ifindex': 23, 'proxy-ifname': 'veth0a1b2c3d' });
  });
});

describe('tunnel IDs are never clobbered (500 seeded statuses)', () => {
  const clients = [clientA, clientB, '192.168.1.30'];
  const epics = [here, there];
  const ids = (tunnels: GueTunnelEndpoints | undefined) =>
    Object.entries(tunnels ?? {}).flatMap(([client, entry]) => [
      `${client} seed ${String(entry['tunnel-id'])}`,
      ...Object.entries(entry['epic-endpoints'] ?? {}).map(
        ([epic, pair]) => `${client} ${epic} ${String(pair['tunnel-id'])}`,
      ),
    ]);

  it('for every seed: same entries, same IDs, input untouched, second merge writes nothing', () => {
    let merges = 0;
    for (let seed = 0; seed < 500; seed++) {
      const random = prng(seed);
      const optional = <T>(value: T) => (random() < 0.5 ? value : undefined);
      const status = deepFreeze<LoadBalancerStatus>({
        'gue-tunnel-endpoints': tunnelMap(
          Object.fromEntries(
            clients
              .filter(() => random() < 0.7)
              .map((client) => [
                client,
                {
                  seed: {
                    address: optional(pick(random, epics)),
                    id: optional(Math.floor(random() * 4)),
                  },
                  pairs: optional(
                    Object.fromEntries(
                      epics.filter(() => random() < 0.6).map((e) => [e, Math.floor(random() * 4)]),
                    ),
                  ),
                },
              ]),
          ),
        ),
        'proxy-ifindex': optional(16),
      });
      const fields: AgentStatusFields = {
        nodeAddress: pick(random, epics),
        seedClients: clients.filter(() => random() < 0.5),
        pairClients: clients.filter(() => random() < 0.5),
        proxyInterface: optional({ index: 16 + Math.floor(random() * 2), name: 'veth' }),
      };
      const before = structuredClone(status);
      const merged = mergeAgentStatus(status, fields);
      expect(status, `seed ${seed}`).toEqual(before);
      if (merged === undefined) continue;
      merges++;
      expect(ids(merged['gue-tunnel-endpoints']), `seed ${seed}`).toEqual(
        ids(status['gue-tunnel-endpoints']),
      );
      expect(mergeAgentStatus(merged, fields), `seed ${seed}`).toBeUndefined();
    }
    // The worlds are varied enough that most of them do write something.
    expect(merges).toBeGreaterThan(250);
  });
});
