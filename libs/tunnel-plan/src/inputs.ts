// What the planner reads, in its own small shapes: a proxy (LoadBalancer or GWProxy) with its
// tunnel map and upstream endpoints, the Envoy pods serving it, and the EPIC nodes. The agent
// builds these from objects it read (helpers below and in ./from-objects.ts); the planner never
// sees a client.
import type { GueTunnelEndpoints, Protocol } from '@epic/model';
import { compareStrings } from './compare.js';

export type ProxyKind = 'LoadBalancer' | 'GWProxy';

/** Which proxy: kind, namespace and name. */
export interface ProxyRef {
  kind: ProxyKind;
  namespace: string;
  name: string;
}

/** One upstream endpoint in a client cluster, as a gateway on the EPIC node sees it. */
export interface UpstreamEndpoint {
  address: string;
  port: number;
  protocol: Protocol;
  /** The client node hosting it: the key of `gue-tunnel-endpoints`. Absent: no GUE (ad-hoc). */
  nodeAddress?: string | undefined;
}

/** A LoadBalancer or GWProxy, reduced to what tunnels need. */
export interface TunnelProxy {
  ref: ProxyRef;
  /** metadata.deletionTimestamp is set: its tunnels leave every node. */
  deleting: boolean;
  /** The Account's spec.group-id. */
  groupId?: number | undefined;
  /** The LoadBalancer's spec.service-id (GWProxies have none). */
  serviceId?: number | undefined;
  /** The LoadBalancer's spec.tunnel-key (GWProxies have none). */
  tunnelKey?: string | undefined;
  /** status.gue-tunnel-endpoints as read (parsed, so every epic-port is defaulted). */
  tunnels?: GueTunnelEndpoints | undefined;
  /** Live upstream endpoints; only those with a node address need tunnels. */
  endpoints: readonly UpstreamEndpoint[];
}

/** The veth of an Envoy pod on its EPIC node: what the data plane tags the pod's traffic with. */
export interface ProxyInterface {
  index: number;
  name: string;
}

/** An Envoy pod of a proxy. */
export interface ProxyPod {
  name: string;
  proxy: ProxyRef;
  /** spec.nodeName: the EPIC node it runs on. */
  nodeName: string;
  podIP?: string | undefined;
  /** Unknown until something on the node has found the pod's veth. */
  interface?: ProxyInterface | undefined;
  deleting?: boolean | undefined;
}

/** An EPIC node and the address clients send GUE to (its first gue-ingress-nics address). */
export interface EpicNode {
  name: string;
  address: string;
}

export function proxyKey(ref: ProxyRef): string {
  return `${ref.kind}/${ref.namespace}/${ref.name}`;
}

export function sameProxy(a: ProxyRef, b: ProxyRef): boolean {
  return a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;
}

export function compareProxies(a: ProxyRef, b: ProxyRef): number {
  return compareStrings(proxyKey(a), proxyKey(b));
}

/** `LoadBalancer epic-acme/web`, for messages. */
export function describeProxy(ref: ProxyRef): string {
  return `${ref.kind} ${ref.namespace}/${ref.name}`;
}
