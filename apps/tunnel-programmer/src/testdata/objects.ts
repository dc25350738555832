// Objects as read from the API, for the pure tests: the seed's LoadBalancer in an account
// namespace, its RemoteEndpoints, an Envoy pod, EPIC nodes.
import {
  Account,
  apiVersionV1,
  GueTunnelEndpoints,
  LoadBalancer,
  owningLoadBalancerLabel,
  partOfLabel,
  RemoteEndpoint,
} from '@epic/model';
import type { NodeLike, PodLike } from '@epic/tunnel-plan';
import type { World } from '../dispatcher/world-reader.js';

export const ns = 'epic-root';
export const epic1 = { name: 'epic-1', address: '192.168.1.40' };
export const epic2 = { name: 'epic-2', address: '192.168.1.41' };
export const clientA = '192.168.1.16';
export const clientB = '192.168.1.25';

export function node(name: string, address?: string): NodeLike {
  return {
    metadata: { name },
    status: { addresses: address ? [{ type: 'InternalIP', address }] : [] },
  };
}

export function account(groupId = 3): Account {
  return Account.parse({
    apiVersion: apiVersionV1,
    kind: 'Account',
    metadata: { namespace: ns, name: 'root' },
    spec: { 'group-id': groupId },
  });
}

/** The seed's LoadBalancer: tunnels 2 (192.168.1.16) and 1 (192.168.1.25), epic-address empty. */
export function loadBalancer(
  name = 'sample-acnodal',
  meta: { finalizers?: string[]; deletionTimestamp?: string } = {},
): LoadBalancer {
  return LoadBalancer.parse({
    apiVersion: apiVersionV1,
    kind: 'LoadBalancer',
    metadata: { namespace: ns, name, resourceVersion: '1', generation: 1, ...meta },
    spec: {
      'service-id': 1,
      'public-address': '192.168.77.2',
      'service-group': 'sample',
      'tunnel-key': 'AAAAAAAAAAAAAAAAAAAAAA==',
    },
    status: {
      'gue-tunnel-endpoints': GueTunnelEndpoints.parse({
        [clientA]: { 'tunnel-id': 2 },
        [clientB]: { 'tunnel-id': 1 },
      }),
    },
  });
}

export function remoteEndpoint(lb: string, address: string, nodeAddress: string): RemoteEndpoint {
  return RemoteEndpoint.parse({
    apiVersion: apiVersionV1,
    kind: 'RemoteEndpoint',
    metadata: {
      namespace: ns,
      name: `${lb}-${address}`,
      labels: { [owningLoadBalancerLabel]: lb },
    },
    spec: { cluster: 'c1', address, 'node-address': nodeAddress, port: { port: 8080 } },
  });
}

export function envoyPod(
  name: string,
  lb: string,
  nodeName: string,
  extra: { podIP?: string; annotations?: Record<string, string> } = {},
): PodLike {
  return {
    metadata: {
      name,
      namespace: ns,
      labels: { [partOfLabel]: 'epic', [owningLoadBalancerLabel]: lb },
      annotations: extra.annotations ?? {},
    },
    spec: { nodeName },
    status: { podIP: extra.podIP ?? '10.244.0.5' },
  };
}

/** The seed example as a world: one LB, two endpoints, one pod on epic-1, two EPIC nodes. */
export function seedWorld(overrides: Partial<World> = {}): World {
  return {
    loadBalancers: [loadBalancer()],
    remoteEndpoints: [
      remoteEndpoint('sample-acnodal', '10.1.0.7', clientA),
      remoteEndpoint('sample-acnodal', '10.1.1.3', clientB),
    ],
    gwProxies: [],
    routes: [],
    slices: [],
    accounts: [account()],
    pods: [
      envoyPod('envoy-sample-0', 'sample-acnodal', 'epic-1', {
        annotations: { 'epic.acnodal.io/ifindex': '16', 'epic.acnodal.io/ifname': 'veth67060f1f' },
      }),
    ],
    nodes: [node('epic-1', epic1.address), node('epic-2', epic2.address)],
    ...overrides,
  };
}
