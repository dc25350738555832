// Which render an event calls for. Events are triggers only: the render re-reads the API, so a
// Created, Changed, Observed (resync) or Deleted event of one object all lead to the same
// idempotent work, and a lost event is made good by the next resync.
import type { DomainEvent, WatchedKind } from '@epic/events';
import { owningLoadBalancerLabel, type ObjectMeta } from '@epic/model';

export type RenderTarget =
  | { readonly kind: 'loadBalancer'; readonly namespace: string; readonly name: string }
  /** Every GWProxy of the namespace: routes and slices are matched to proxies by the renderer. */
  | { readonly kind: 'gateways'; readonly namespace: string }
  /** The proxies made from the group, if its envoy-template changed. */
  | { readonly kind: 'group'; readonly namespace: string; readonly name: string };

type Route = (namespace: string, event: DomainEvent) => RenderTarget | undefined;

const owningLoadBalancer: Route = (namespace, event) => {
  const data = event.data as { object?: { metadata?: ObjectMeta } };
  const name = data.object?.metadata?.labels?.[owningLoadBalancerLabel];
  return name ? { kind: 'loadBalancer', namespace, name } : undefined;
};
const gateways: Route = (namespace) => ({ kind: 'gateways', namespace });

/** EPIC, Account, ServicePrefix, pods and namespaces do not change what a proxy is sent. */
const routes: Partial<Record<WatchedKind, Route>> = {
  LoadBalancer: (namespace, event) => ({
    kind: 'loadBalancer',
    namespace,
    name: event.source.name,
  }),
  RemoteEndpoint: owningLoadBalancer,
  GWProxy: gateways,
  GWRoute: gateways,
  GWEndpointSlice: gateways,
  LBServiceGroup: (namespace, event) => ({ kind: 'group', namespace, name: event.source.name }),
};

export function renderTarget(event: DomainEvent): RenderTarget | undefined {
  const { kind, namespace } = event.source;
  const route = routes[kind];
  return route && namespace !== undefined ? route(namespace, event) : undefined;
}

/** The serialization key of a target's work (a group fans out to these keys). */
export function targetKey(target: RenderTarget): string {
  return target.kind === 'gateways'
    ? `gateways/${target.namespace}`
    : `${target.kind}/${target.namespace}/${target.name}`;
}
