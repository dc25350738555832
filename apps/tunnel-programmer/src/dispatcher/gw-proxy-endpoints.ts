// The upstream endpoints of a GWProxy: the routes in its namespace whose parentRefs name it,
// their backendRefs (client Service UIDs), and the GWEndpointSlices whose parentRef.uid is one
// of those UIDs. Objects being deleted take no part. A slice referenced by several backends or
// routes counts once (the original duplicated its endpoints).
import { endpointsFromSlices, type UpstreamEndpoint } from '@epic/tunnel-plan';
import type { GWEndpointSlice, GWProxy, GWRoute } from '@epic/model';

const live = (o: { metadata: { deletionTimestamp?: string | undefined } }) =>
  o.metadata.deletionTimestamp === undefined;

function routeSpec(route: GWRoute) {
  return route.spec.http ?? route.spec.tcp;
}

/** Whether the route attaches to the proxy (parentRef name, same namespace). */
export function routeNamesProxy(route: GWRoute, proxy: GWProxy): boolean {
  const namespace = proxy.metadata.namespace;
  return (routeSpec(route)?.parentRefs ?? []).some(
    (ref) => ref.name === proxy.metadata.name && (ref.namespace ?? namespace) === namespace,
  );
}

/** The client Service UIDs a route's rules send traffic to. */
export function backendUids(route: GWRoute): string[] {
  const rules: { backendRefs?: { name: string }[] | undefined }[] = routeSpec(route)?.rules ?? [];
  return rules.flatMap((rule) => (rule.backendRefs ?? []).map((ref) => ref.name));
}

/** Routes and slices of one namespace, grouped for lookups. */
export interface NamespaceGateways {
  routes: readonly GWRoute[];
  slices: readonly GWEndpointSlice[];
}

export function gwProxyEndpoints(proxy: GWProxy, gateways: NamespaceGateways): UpstreamEndpoint[] {
  const uids = new Set(
    gateways.routes
      .filter((route) => live(route) && routeNamesProxy(route, proxy))
      .flatMap(backendUids),
  );
  const slices = gateways.slices.filter(
    (slice) => live(slice) && uids.has(slice.spec.parentRef.uid ?? ''),
  );
  return endpointsFromSlices(slices);
}
