import { describe, expect, it } from 'vitest';
import { nodeTunnelTables } from '@epic/tunnel-plan';
import {
  account,
  clientA,
  clientB,
  envoyPod,
  epic1,
  loadBalancer,
  node,
  ns,
  remoteEndpoint,
  seedWorld,
} from '../testdata/objects.js';
import { dispatchInput } from './plan-input.js';

describe('dispatchInput (objects -> planner input)', () => {
  it('the seed example: the LB with its Account, its RemoteEndpoints by label, its pod, the nodes', () => {
    const input = dispatchInput(seedWorld());
    expect(input.plan.proxies).toEqual([
      expect.objectContaining({
        ref: { kind: 'LoadBalancer', namespace: ns, name: 'sample-acnodal' },
        groupId: 3,
        serviceId: 1,
        endpoints: [
          { address: '10.1.0.7', port: 8080, protocol: 'TCP', nodeAddress: clientA },
          { address: '10.1.1.3', port: 8080, protocol: 'TCP', nodeAddress: clientB },
        ],
      }),
    ]);
    expect(input.plan.pods).toEqual([
      expect.objectContaining({
        name: 'envoy-sample-0',
        nodeName: 'epic-1',
        interface: { index: 16, name: 'veth67060f1f' },
      }),
    ]);
    expect(input.plan.nodes.map((n) => n.name)).toEqual(['epic-1', 'epic-2']);
    expect(input.proxies).toEqual([
      {
        ref: { kind: 'LoadBalancer', namespace: ns, name: 'sample-acnodal' },
        deleting: false,
        finalizers: [],
      },
    ]);
  });

  it('never puts a tunnel key into a table (tables travel through Redis and logs)', () => {
    const input = dispatchInput(seedWorld());
    expect(input.plan.proxies[0]?.tunnelKey).toBeUndefined();
    const text = JSON.stringify(nodeTunnelTables(input.plan));
    expect(text).not.toContain('AAAAAAAAAAAAAAAAAAAAAA==');
  });

  it('keeps RemoteEndpoints with their own LB, and nodes without an IPv4 address apart', () => {
    const input = dispatchInput(
      seedWorld({
        loadBalancers: [loadBalancer('one'), loadBalancer('two')],
        remoteEndpoints: [
          remoteEndpoint('one', '10.1.0.1', clientA),
          remoteEndpoint('two', '10.1.0.2', clientB),
          remoteEndpoint('three', '10.1.0.3', clientB),
        ],
        pods: [envoyPod('one-0', 'one', 'epic-1'), envoyPod('two-0', 'two', 'epic-1')],
        nodes: [node('epic-1', epic1.address), node('no-address')],
      }),
    );
    expect(input.plan.proxies.map((p) => [p.ref.name, p.endpoints.map((e) => e.address)])).toEqual([
      ['one', ['10.1.0.1']],
      ['two', ['10.1.0.2']],
    ]);
    expect(input.nodesWithoutAddress).toEqual(['no-address']);
  });

  it('an account namespace without an Account gives no group ID, and a deleting LB is marked', () => {
    const input = dispatchInput(
      seedWorld({
        accounts: [],
        loadBalancers: [loadBalancer('gone', { deletionTimestamp: '2024-01-01T00:00:00Z' })],
      }),
    );
    expect(input.plan.proxies[0]).toMatchObject({ deleting: true, groupId: undefined });
    expect(input.proxies[0]?.deleting).toBe(true);
  });

  it('the tables that come out carry the seed tunnels on the pod node only', () => {
    const [one, two] = nodeTunnelTables(dispatchInput(seedWorld({ accounts: [account(9)] })).plan);
    expect(one?.proxies[0]?.tunnels.map((t) => [t.tunnelId, t.clientAddress, t.groupId])).toEqual([
      [2, clientA, 9],
      [1, clientB, 9],
    ]);
    expect(two?.proxies).toEqual([]);
  });
});
