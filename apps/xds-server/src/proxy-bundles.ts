// What one render needs, gathered from the API objects: a LoadBalancer with its
// RemoteEndpoints and group, or a namespace's GWProxies with the routes, slices and groups
// there. Rendering a namespace's gateways together reads its routes and slices once; an
// account holds at most proxyLimit (20) GWProxies. A proxy's group is the one of its name in
// its namespace, else the system group of that name in the core namespace (`epic`). Pure:
// readers list, this sorts them out.
import {
  coreNamespace,
  owningLBServiceGroupLabel,
  owningLoadBalancerLabel,
  type GWEndpointSliceInput,
  type GWProxyInput,
  type GWRouteInput,
  type LBServiceGroupInput,
  type LoadBalancerInput,
  type RemoteEndpointInput,
} from '@epic/model';

export interface LoadBalancerBundle {
  readonly lb: LoadBalancerInput;
  readonly endpoints: readonly RemoteEndpointInput[];
  readonly group?: LBServiceGroupInput | undefined;
}

export interface GatewayBundle {
  readonly namespace: string;
  readonly proxies: readonly GWProxyInput[];
  readonly routes: readonly GWRouteInput[];
  readonly slices: readonly GWEndpointSliceInput[];
  /** The LBServiceGroups the namespace's proxies may name: its own, then the system ones. */
  readonly groups: ReadonlyMap<string, LBServiceGroupInput>;
}

interface Named {
  readonly metadata: {
    readonly namespace?: string | undefined;
    readonly name?: string | undefined;
  };
}

export function refKey(object: Named): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
}

/** The group a LoadBalancer is made from. */
export function loadBalancerGroup(lb: LoadBalancerInput): string | undefined {
  return lb.spec['service-group'] || undefined;
}

/** The group a GWProxy is made from: spec.service-group, else the owning-group label. */
export function gatewayGroup(proxy: GWProxyInput): string | undefined {
  return proxy.spec['service-group'] || proxy.metadata.labels?.[owningLBServiceGroupLabel];
}

function byNamespace<T extends Named>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const ns = item.metadata.namespace ?? '';
    const list = out.get(ns) ?? [];
    list.push(item);
    out.set(ns, list);
  }
  return out;
}

export interface ListedObjects {
  readonly loadBalancers: readonly LoadBalancerInput[];
  readonly remoteEndpoints: readonly RemoteEndpointInput[];
  readonly groups: readonly LBServiceGroupInput[];
  readonly gwProxies: readonly GWProxyInput[];
  readonly routes: readonly GWRouteInput[];
  readonly slices: readonly GWEndpointSliceInput[];
}

type Groups = ReadonlyMap<string, LBServiceGroupInput>;

/** The groups a namespace's proxies resolve names in: the system groups, shadowed by its own. */
function groupResolver(groups: readonly LBServiceGroupInput[]): (namespace: string) => Groups {
  const named = (list: readonly LBServiceGroupInput[] = []) =>
    list.map((g) => [g.metadata.name ?? '', g] as const);
  const lists = byNamespace(groups);
  const system = new Map(named(lists.get(coreNamespace)));
  const resolved = new Map<string, Groups>();
  return (namespace) => {
    let groupsOf = resolved.get(namespace);
    if (!groupsOf) {
      groupsOf = new Map([...system, ...named(lists.get(namespace))]);
      resolved.set(namespace, groupsOf);
    }
    return groupsOf;
  };
}

function endpointsByLoadBalancer(reps: readonly RemoteEndpointInput[]) {
  const out = new Map<string, RemoteEndpointInput[]>();
  for (const rep of reps) {
    const lb = rep.metadata.labels?.[owningLoadBalancerLabel];
    if (!lb) continue;
    const key = `${rep.metadata.namespace ?? ''}/${lb}`;
    const list = out.get(key) ?? [];
    list.push(rep);
    out.set(key, list);
  }
  return out;
}

/** Everything listed, sorted into one bundle per LoadBalancer and per namespace with GWProxies. */
export function bundleAll(objects: ListedObjects): {
  loadBalancers: LoadBalancerBundle[];
  gateways: GatewayBundle[];
} {
  const groups = groupResolver(objects.groups);
  const endpoints = endpointsByLoadBalancer(objects.remoteEndpoints);
  const loadBalancers = objects.loadBalancers.map((lb) => ({
    lb,
    endpoints: endpoints.get(refKey(lb)) ?? [],
    group: groups(lb.metadata.namespace ?? '').get(loadBalancerGroup(lb) ?? ''),
  }));
  const routes = byNamespace(objects.routes);
  const slices = byNamespace(objects.slices);
  const gateways = [...byNamespace(objects.gwProxies).entries()].map(([namespace, proxies]) => ({
    namespace,
    proxies,
    routes: routes.get(namespace) ?? [],
    slices: slices.get(namespace) ?? [],
    groups: groups(namespace),
  }));
  return { loadBalancers, gateways };
}
