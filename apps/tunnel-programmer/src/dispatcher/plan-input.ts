// The objects of one dispatch -> the planner's input (libs/tunnel-plan) and what the finalizer
// plan needs of every proxy. Pure. Tunnel keys are left out on purpose: neither driver programs
// them (true-ingress dropped its per-service key in Dec 2023), and a table travels through
// Redis and logs, where a secret has no business.
import { owningLoadBalancerLabel, type Account, type RemoteEndpoint } from '@epic/model';
import {
  epicNodeFromNode,
  proxyPodFromPod,
  tunnelProxyFromGWProxy,
  tunnelProxyFromLoadBalancer,
  type EpicNode,
  type ProxyRef,
  type TunnelPlanInput,
  type TunnelProxy,
} from '@epic/tunnel-plan';
import { gwProxyEndpoints, type NamespaceGateways } from './gw-proxy-endpoints.js';
import type { World } from './world-reader.js';

/** A proxy as the finalizer plan sees it. */
export interface ProxyFinalizers {
  ref: ProxyRef;
  deleting: boolean;
  finalizers: readonly string[];
}

export interface DispatchInput {
  plan: TunnelPlanInput;
  proxies: ProxyFinalizers[];
  /** Node objects that had no IPv4 InternalIP (no table; logged). */
  nodesWithoutAddress: string[];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

const nsOf = (o: { metadata: { namespace?: string | undefined } }) => o.metadata.namespace ?? '';

export function dispatchInput(world: World): DispatchInput {
  // One Account per account namespace; should there be more, the first by name decides.
  const accounts = new Map<string, Account>();
  const byName = (a: Account, b: Account) =>
    (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
  for (const account of [...world.accounts].sort(byName)) {
    if (!accounts.has(nsOf(account))) accounts.set(nsOf(account), account);
  }
  const repsByLb = groupBy(world.remoteEndpoints, (rep: RemoteEndpoint) => {
    const lb = rep.metadata.labels?.[owningLoadBalancerLabel];
    return lb ? `${nsOf(rep)}/${lb}` : undefined;
  });
  const routes = groupBy(world.routes, nsOf);
  const slices = groupBy(world.slices, nsOf);
  const gateways = (ns: string): NamespaceGateways => ({
    routes: routes.get(ns) ?? [],
    slices: slices.get(ns) ?? [],
  });
  const withoutKey = (proxy: TunnelProxy): TunnelProxy => ({ ...proxy, tunnelKey: undefined });
  const proxies = [
    ...world.loadBalancers.map((lb) =>
      tunnelProxyFromLoadBalancer({
        lb,
        account: accounts.get(nsOf(lb)),
        remoteEndpoints: repsByLb.get(`${nsOf(lb)}/${lb.metadata.name ?? ''}`) ?? [],
      }),
    ),
    ...world.gwProxies.map((proxy) =>
      tunnelProxyFromGWProxy({
        proxy,
        account: accounts.get(nsOf(proxy)),
        endpoints: gwProxyEndpoints(proxy, gateways(nsOf(proxy))),
      }),
    ),
  ].map(withoutKey);
  const nodes: EpicNode[] = [];
  const nodesWithoutAddress: string[] = [];
  for (const node of world.nodes) {
    const epicNode = epicNodeFromNode(node);
    if (epicNode) nodes.push(epicNode);
    else nodesWithoutAddress.push(node.metadata.name ?? '');
  }
  const pods = world.pods.flatMap((pod) => proxyPodFromPod(pod) ?? []);
  return {
    plan: { proxies, pods, nodes },
    proxies: finalizerStates(world),
    nodesWithoutAddress,
  };
}

function finalizerStates(world: World): ProxyFinalizers[] {
  const state = (
    kind: ProxyRef['kind'],
    o: {
      metadata: {
        namespace?: string;
        name?: string;
        deletionTimestamp?: string;
        finalizers?: string[];
      };
    },
  ): ProxyFinalizers => ({
    ref: { kind, namespace: nsOf(o), name: o.metadata.name ?? '' },
    deleting: o.metadata.deletionTimestamp !== undefined,
    finalizers: o.metadata.finalizers ?? [],
  });
  return [
    ...world.loadBalancers.map((lb) => state('LoadBalancer', lb)),
    ...world.gwProxies.map((proxy) => state('GWProxy', proxy)),
  ];
}
