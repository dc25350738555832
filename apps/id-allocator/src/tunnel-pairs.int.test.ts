// (client node, EPIC node) pair tunnels on the real apiserver: a LoadBalancer whose two Envoy
// pods run on two EPIC nodes gets, inside each client entry, `epic-endpoints` listing both
// pairs: the first with the seed's tunnel ID, the second with a fresh one.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import {
  accountKind,
  type GueTunnelEndpoints,
  loadBalancerKind,
  owningLoadBalancerLabel,
  remoteEndpointKind,
} from '@epic/model';
import { EpicObjects, loadKubeConfig, replaceWithRetry } from '@epic/kube';
import { createTestAccountNamespace, uniqueName } from '@epic/testing';
import { createAllocatorMetrics } from './allocator-metrics.js';
import { IdAllocator } from './id-allocator.js';
import { testClaimLocks } from './test-harness.js';

let kc: KubeConfig;
let core: CoreV1Api;
let ns: Awaited<ReturnType<typeof createTestAccountNamespace>>;
let claimLocks: Awaited<ReturnType<typeof testClaimLocks>> | undefined;
const nodes = [uniqueName('epic-node-a'), uniqueName('epic-node-b')];
const nodeAddresses = ['198.51.100.11', '198.51.100.12'];

beforeAll(async () => {
  kc = loadKubeConfig(process.env.KUBECONFIG);
  core = kc.makeApiClient(CoreV1Api);
  ns = await createTestAccountNamespace(kc, 'idp');
  claimLocks = await testClaimLocks();
  for (const [i, name] of nodes.entries()) {
    // Plain Node objects (no kubelet): only their addresses matter here.
    await core.createNode({ body: { metadata: { name } } });
    // The node controller writes to new Nodes too: read, change, Update, retry on 409.
    await replaceWithRetry({
      what: `Node ${name} status.addresses`,
      read: () => core.readNodeStatus({ name }),
      mutate: (node) => ({
        ...node,
        status: {
          ...node.status,
          addresses: [{ type: 'InternalIP', address: nodeAddresses[i] ?? '' }],
        },
      }),
      write: (node) => core.replaceNodeStatus({ name, body: node }),
    });
  }
}, 60_000);

afterAll(async () => {
  for (const name of nodes) await core?.deleteNode({ name }).catch(() => undefined);
  await ns?.remove();
  await claimLocks?.close();
});

it('gives every (client node, EPIC node) pair its own tunnel ID', { timeout: 60_000 }, async () => {
  await new EpicObjects(kc, accountKind).create({
    apiVersion: 'epic.acnodal.io/v1',
    kind: 'Account',
    metadata: { namespace: ns.namespace, name: ns.account },
    spec: {},
  });
  const lbRef = { namespace: ns.namespace, name: 'spread' };
  const lbs = new EpicObjects(kc, loadBalancerKind);
  await lbs.create({
    apiVersion: 'epic.acnodal.io/v1',
    kind: 'LoadBalancer',
    metadata: lbRef,
    spec: { 'service-group': 'sample', 'public-ports': [{ port: 80, protocol: 'TCP' }] },
  });
  for (const [i, client] of ['192.168.1.16', '192.168.1.25'].entries()) {
    await new EpicObjects(kc, remoteEndpointKind).create({
      apiVersion: 'epic.acnodal.io/v1',
      kind: 'RemoteEndpoint',
      metadata: {
        namespace: ns.namespace,
        name: `ep-${i}`,
        labels: { [owningLoadBalancerLabel]: lbRef.name },
      },
      spec: {
        cluster: 'c',
        address: `10.244.1.${i + 5}`,
        'node-address': client,
        port: { port: 8080, protocol: 'TCP' },
      },
    });
  }
  for (const [i, nodeName] of nodes.entries()) {
    await core.createNamespacedPod({
      namespace: ns.namespace,
      body: {
        metadata: { name: `envoy-${i}`, labels: { [owningLoadBalancerLabel]: lbRef.name } },
        spec: { nodeName, containers: [{ name: 'envoy', image: 'envoyproxy/envoy:v1.36.0' }] },
      },
    });
  }
  const allocator = new IdAllocator({
    kc,
    metrics: createAllocatorMetrics(),
    emit: () => undefined,
    locks: claimLocks!.locks,
  });

  await allocator.ensureLoadBalancerIds(lbRef);
  await allocator.ensurePairTunnelIds(lbRef); // as a ProxyPodScheduled event does
  await allocator.ensurePairTunnelIds(lbRef); // a repeat changes nothing

  const tunnels = (await lbs.get(lbRef)).status?.['gue-tunnel-endpoints'] ?? {};
  expectEveryPairItsOwnTunnel(tunnels);
});

function expectEveryPairItsOwnTunnel(tunnels: GueTunnelEndpoints): void {
  const ids: number[] = [];
  for (const client of ['192.168.1.16', '192.168.1.25']) {
    const entry = tunnels[client];
    const pairs = entry?.['epic-endpoints'] ?? {};
    expect(Object.keys(pairs).sort()).toEqual(nodeAddresses);
    // The seed's fields stay, and describe the first EPIC node's tunnel.
    expect(pairs[nodeAddresses[0] ?? '']?.['tunnel-id']).toBe(entry?.['tunnel-id']);
    expect(pairs[nodeAddresses[1] ?? '']).toMatchObject({ 'epic-address': nodeAddresses[1] });
    ids.push(...Object.values(pairs).map((p) => p['tunnel-id'] ?? 0));
  }
  expect(new Set(ids).size).toBe(4);
  expect(ids.every((id) => id > 0)).toBe(true);
}
