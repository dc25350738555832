// Which placeholders each template entry may use. A placeholder is `{{ .Name }}` and nothing
// else: no pipelines, no loops, no escaping. A scalar placeholder may stand alone or inside a
// string ("tcp-{{ .Port }}"); a structure placeholder (a list or object the renderer builds,
// such as the virtual hosts) must stand alone as a whole value.
import type { ListenerKind, ResourceKind } from './schema.js';

export type PlaceholderShape = 'scalar' | 'structure';
type Catalogue = Readonly<Record<string, PlaceholderShape>>;

const proxy: Catalogue = {
  /** `<namespace>.<name>` of the LoadBalancer / GWProxy. */
  NodeID: 'scalar',
  ProxyName: 'scalar',
  ProxyNamespace: 'scalar',
  /** spec.display-name, else the proxy name (the original's .PureLBServiceName). */
  DisplayName: 'scalar',
};

const listener: Catalogue = {
  ...proxy,
  ListenerName: 'scalar',
  /** The public address the listener binds to. */
  Address: 'scalar',
  /** `additional_addresses` entries: the alt address of a dual-stack proxy, else []. */
  AdditionalAddresses: 'structure',
  Port: 'scalar',
  /** TCP or UDP (Envoy's SocketAddress.Protocol). */
  Protocol: 'scalar',
  StatPrefix: 'scalar',
};

const listenerCatalogues: Readonly<Record<ListenerKind, Catalogue>> = {
  /** TcpProxy `weighted_clusters`: {clusters: [{name, weight}]}. */
  tcp: { ...listener, WeightedClusters: 'structure' },
  /** A UDP proxy routes to one cluster. */
  udp: { ...listener, ClusterName: 'scalar' },
  http: { ...listener, RouteConfigName: 'scalar' },
  https: { ...listener, RouteConfigName: 'scalar' },
};

const entryCatalogues: Readonly<Record<ResourceKind, Readonly<Record<string, Catalogue>>>> = {
  listeners: listenerCatalogues,
  routes: { http: { ...proxy, RouteConfigName: 'scalar', VirtualHosts: 'structure' } },
  clusters: { default: { ...proxy, ClusterName: 'scalar' } },
  endpoints: { default: { ...proxy, ClusterName: 'scalar', LbEndpoints: 'structure' } },
};

/** The placeholders a template entry may use, by name. */
export function placeholdersFor(kind: ResourceKind, entry: string): Catalogue {
  return entryCatalogues[kind][entry] ?? {};
}
