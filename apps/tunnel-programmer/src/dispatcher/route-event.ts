// Which events make the dispatcher look again. Every event of the families it subscribes to
// (LoadBalancers, GWProxies, RemoteEndpoints, GWRoutes, GWEndpointSlices, Envoy pods, Nodes) can change a node
// table, and each only says "look": the dispatch re-reads everything it needs, so repeated,
// reordered or replayed events change nothing. `inScope` limits the namespaces served.
import { subscriptions, eventTypeInfo, type DomainEvent } from '@epic/events';

const families = new Set(subscriptions['tunnel-programmer']);

export function triggersDispatch(
  event: DomainEvent,
  inScope: (namespace: string) => boolean,
): boolean {
  const family = eventTypeInfo(event.type).family;
  if (family === 'nodes') return true; // cluster-scoped: every namespace's tunnels may use it
  const namespace = event.source.namespace;
  if (namespace === undefined || !inScope(namespace)) return false;
  return families.has(family);
}
