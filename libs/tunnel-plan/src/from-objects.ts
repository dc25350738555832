// Builds the planner's inputs from objects as read from the API. Pods and Nodes are typed
// structurally (only the fields used), so this pure library needs no Kubernetes client types.
import {
  owningLoadBalancerLabel,
  owningProxyLabel,
  type Account,
  type GWEndpointSlice,
  type GWProxy,
  type LoadBalancer,
  type RemoteEndpoint,
} from '@epic/model';
import type { EpicNode, ProxyPod, ProxyRef, TunnelProxy, UpstreamEndpoint } from './inputs.js';

/** Pod annotations with the pod's veth (the original's network daemon wrote them). */
export const ifindexAnnotation = 'epic.acnodal.io/ifindex';
export const ifnameAnnotation = 'epic.acnodal.io/ifname';

function positive(value: number | undefined): number | undefined {
  return value === undefined || value === 0 ? undefined : value;
}

/** A LoadBalancer with its Account (for the group ID) and its RemoteEndpoints. */
export function tunnelProxyFromLoadBalancer(args: {
  lb: LoadBalancer;
  account?: Account | undefined;
  remoteEndpoints: readonly RemoteEndpoint[];
}): TunnelProxy {
  const { lb, account } = args;
  return {
    ref: {
      kind: 'LoadBalancer',
      namespace: lb.metadata.namespace ?? '',
      name: lb.metadata.name ?? '',
    },
    deleting: lb.metadata.deletionTimestamp !== undefined,
    groupId: positive(account?.spec['group-id']),
    serviceId: positive(lb.spec['service-id']),
    tunnelKey: lb.spec['tunnel-key'],
    tunnels: lb.status?.['gue-tunnel-endpoints'],
    endpoints: endpointsFromRemoteEndpoints(args.remoteEndpoints),
  };
}

/**
 * A GWProxy with its Account and its endpoints (resolved by the caller from the routes that
 * name it and the slices behind their backends, e.g. with `endpointsFromSlices`).
 */
export function tunnelProxyFromGWProxy(args: {
  proxy: GWProxy;
  account?: Account | undefined;
  endpoints: readonly UpstreamEndpoint[];
}): TunnelProxy {
  const { proxy, account } = args;
  return {
    ref: {
      kind: 'GWProxy',
      namespace: proxy.metadata.namespace ?? '',
      name: proxy.metadata.name ?? '',
    },
    deleting: proxy.metadata.deletionTimestamp !== undefined,
    groupId: positive(account?.spec['group-id']),
    tunnels: proxy.status?.['gue-tunnel-endpoints'],
    endpoints: args.endpoints,
  };
}

/** RemoteEndpoints not being deleted, as upstream endpoints. */
export function endpointsFromRemoteEndpoints(
  remoteEndpoints: readonly RemoteEndpoint[],
): UpstreamEndpoint[] {
  return remoteEndpoints
    .filter((rep) => rep.metadata.deletionTimestamp === undefined)
    .map((rep) => ({
      address: rep.spec.address,
      port: rep.spec.port.port,
      protocol: rep.spec.port.protocol,
      nodeAddress: rep.spec['node-address'],
    }));
}

/**
 * Every address x numbered port of IPv4 slices (the data plane is IPv4 only). An endpoint whose
 * `ready` is false is left out: unlike the original, readiness counts (nil means ready).
 */
export function endpointsFromSlices(
  slices: readonly Pick<GWEndpointSlice, 'spec'>[],
): UpstreamEndpoint[] {
  return slices
    .filter((slice) => slice.spec.addressType === 'IPv4')
    .flatMap((slice) => {
      const ports = (slice.spec.ports ?? []).filter((p) => p.port !== undefined);
      const ready = slice.spec.endpoints.filter((ep) => ep.conditions?.ready !== false);
      return ready.flatMap((ep) =>
        ep.addresses.flatMap((address) =>
          ports.map((p) => ({
            address,
            port: p.port!,
            protocol: p.protocol,
            nodeAddress: ep['node-address'],
          })),
        ),
      );
    });
}

/** The fields of a core/v1 Pod this library reads. */
export interface PodLike {
  metadata: {
    name?: string | undefined;
    namespace?: string | undefined;
    labels?: Record<string, string> | undefined;
    annotations?: Record<string, string> | undefined;
    deletionTimestamp?: unknown;
  };
  spec?: { nodeName?: string | undefined } | undefined;
  status?: { podIP?: string | undefined } | undefined;
}

function owningProxy(pod: PodLike): ProxyRef | undefined {
  const labels = pod.metadata.labels ?? {};
  const namespace = pod.metadata.namespace ?? '';
  const gwProxy = labels[owningProxyLabel];
  if (gwProxy) return { kind: 'GWProxy', namespace, name: gwProxy };
  const lb = labels[owningLoadBalancerLabel];
  return lb ? { kind: 'LoadBalancer', namespace, name: lb } : undefined;
}

function podInterface(annotations: Record<string, string>) {
  const index = annotations[ifindexAnnotation];
  const name = annotations[ifnameAnnotation];
  if (index === undefined || !/^[1-9]\d{0,9}$/.test(index) || !name) return undefined;
  return { index: Number(index), name };
}

/**
 * An Envoy pod of a LoadBalancer (label owning-loadbalancer) or GWProxy (label owning-proxy),
 * or undefined for any other pod and for a pod not yet scheduled.
 */
export function proxyPodFromPod(pod: PodLike): ProxyPod | undefined {
  const proxy = owningProxy(pod);
  const nodeName = pod.spec?.nodeName;
  if (!proxy || !nodeName || !pod.metadata.name) return undefined;
  return {
    name: pod.metadata.name,
    proxy,
    nodeName,
    podIP: pod.status?.podIP || undefined,
    interface: podInterface(pod.metadata.annotations ?? {}),
    deleting: pod.metadata.deletionTimestamp != null,
  };
}

/** The fields of a core/v1 Node this library reads. */
export interface NodeLike {
  metadata: { name?: string | undefined };
  status?: { addresses?: readonly { type: string; address: string }[] | undefined } | undefined;
}

/**
 * An EPIC node with its first IPv4 InternalIP: the address every node and the id-allocator can
 * see, so all of them agree on the keys of `epic-endpoints`.
 */
export function epicNodeFromNode(node: NodeLike): EpicNode | undefined {
  const address = (node.status?.addresses ?? []).find(
    (a) => a.type === 'InternalIP' && /^\d{1,3}(\.\d{1,3}){3}$/.test(a.address),
  )?.address;
  return node.metadata.name && address ? { name: node.metadata.name, address } : undefined;
}
