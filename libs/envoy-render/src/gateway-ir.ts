// A GWProxy with its GWRoutes and GWEndpointSlices -> IR. HTTP(S) ports get a RouteConfiguration;
// TCP ports get a TCP proxy to the backends of the oldest TCPRoute attached (the Gateway API's
// conflict rule), since a TCP listener without SNI can forward to only one set of backends.
import type { GWEndpointSliceInput, GWProxyInput, GWRouteInput } from '@epic/model';
import type { TunnelMap } from './endpoints.js';
import { backendClusters, weightedBackends, type ClusterRegistry } from './gateway-backends.js';
import { httpRouteConfig, type IndexedRoute } from './gateway-http.js';
import {
  attachesTo,
  namesListener,
  portGroups,
  refersTo,
  type PortGroup,
} from './gateway-listeners.js';
import type { Diagnostic, ListenerIR, ProxyIR, RouteConfigIR } from './ir.js';
import { compareStrings } from './json.js';
import { listenerName, nodeIdOf, type ProxyRef } from './names.js';
import { objectRef, proxyRefOf, uniqueDiagnostics } from './diagnostics.js';

export interface GWProxySources {
  readonly proxy: GWProxyInput;
  /** GWRoutes of the proxy's namespace; those whose parentRefs do not name the proxy are ignored. */
  readonly routes: readonly GWRouteInput[];
  /** GWEndpointSlices of the proxy's namespace. */
  readonly slices: readonly GWEndpointSliceInput[];
}

/** Gateway API conflict order: oldest first, then by name. */
function routeOrder(a: GWRouteInput, b: GWRouteInput): number {
  return (
    compareStrings(a.metadata.creationTimestamp ?? '', b.metadata.creationTimestamp ?? '') ||
    compareStrings(a.metadata.name ?? '', b.metadata.name ?? '')
  );
}

function tcpBackends(
  group: PortGroup,
  routes: readonly IndexedRoute[],
  proxy: ProxyRef,
  registry: ClusterRegistry,
) {
  const attached = routes.filter((r) => group.listeners.some((l) => attachesTo(r.route, proxy, l)));
  const misplaced = attached.filter(
    (r) => !r.route.spec.tcp && group.listeners.some((l) => namesListener(r.route, proxy, l)),
  );
  for (const http of misplaced) {
    http.report(`an HTTPRoute cannot attach to TCP port ${group.port}; ignored there`);
  }
  const [winner, ...losers] = attached.filter((r) => r.route.spec.tcp);
  for (const loser of losers) {
    loser.report(`TCP port ${group.port} already forwards to an older TCPRoute; ignored there`);
  }
  if (!winner) return [];
  const refs = (winner.route.spec.tcp?.rules ?? []).flatMap((rule) => rule.backendRefs ?? []);
  return weightedBackends(refs, proxy.namespace, registry, winner.report);
}

interface Translation {
  readonly listeners: ListenerIR[];
  readonly routeConfigs: RouteConfigIR[];
}

function translateGroups(
  groups: readonly PortGroup[],
  routes: readonly IndexedRoute[],
  ctx: { proxy: ProxyRef; registry: ClusterRegistry; report: (message: string) => void },
): Translation {
  const listeners: ListenerIR[] = [];
  const routeConfigs: RouteConfigIR[] = [];
  for (const group of groups) {
    const name = listenerName(ctx.proxy, 'TCP', group.port);
    const base = { name, kind: group.kind, port: group.port, protocol: 'TCP' } as const;
    if (group.kind === 'tcp') {
      const backends = tcpBackends(group, routes, ctx.proxy, ctx.registry);
      if (backends.length > 0) listeners.push({ ...base, backends });
      else
        ctx.report(
          `TCP port ${group.port} has no TCPRoute with a usable backend; listener not rendered`,
        );
    } else {
      listeners.push({ ...base, backends: [], routeConfigName: name });
      routeConfigs.push(httpRouteConfig(name, group, routes, ctx));
    }
  }
  return { listeners, routeConfigs };
}

/** A GWProxy and the routes and slices of its namespace -> the IR its configuration is rendered from. */
export function gwProxyIR(sources: GWProxySources): ProxyIR {
  const { proxy: gwProxy } = sources;
  const proxy = proxyRefOf('GWProxy', gwProxy);
  const diagnostics: Diagnostic[] = [];
  const report = (message: string) =>
    diagnostics.push({ object: objectRef('GWProxy', gwProxy), message });
  const routes: IndexedRoute[] = sources.routes
    .filter((route) => !route.metadata.deletionTimestamp && refersTo(route, proxy))
    .sort(routeOrder)
    .map((route, index) => ({
      route,
      index,
      report: (message: string) =>
        diagnostics.push({ object: objectRef('GWRoute', route), message }),
    }));
  const registry: ClusterRegistry = new Map();
  const groups = portGroups(gwProxy, report);
  const { listeners, routeConfigs } = translateGroups(groups, routes, { proxy, registry, report });
  const tunnels: TunnelMap = gwProxy.status?.['gue-tunnel-endpoints'] ?? {};
  const clusters = backendClusters(registry, sources.slices, tunnels);
  return {
    kind: 'GWProxy',
    ...proxy,
    nodeId: nodeIdOf(proxy),
    displayName: gwProxy.spec['display-name'] || proxy.name,
    ...(gwProxy.spec['public-address'] ? { publicAddress: gwProxy.spec['public-address'] } : {}),
    ...(gwProxy.spec['alt-address'] ? { altAddress: gwProxy.spec['alt-address'] } : {}),
    listeners,
    routeConfigs,
    clusters: clusters.clusters,
    diagnostics: uniqueDiagnostics([...diagnostics, ...clusters.diagnostics]),
  };
}
