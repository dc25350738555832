// The renderer's intermediate representation: what a proxy needs, independent of the
// template. LoadBalancers and GWProxies are translated into it (load-balancer-ir.ts,
// gateway-ir.ts); render.ts pours it through the template. Every list is sorted by a stable key.
import type { JsonObject } from './json.js';
import type { ListenerKind } from './template/schema.js';
import type { TransportProtocol } from './names.js';

/** Something the renderer skipped or chose, said for the object it concerns. */
export interface Diagnostic {
  /** `<Kind> <namespace>/<name>`. */
  readonly object: string;
  readonly message: string;
}

export interface WeightedBackend {
  readonly cluster: string;
  readonly weight: number;
}

export interface ListenerIR {
  readonly name: string;
  readonly kind: ListenerKind;
  readonly port: number;
  readonly protocol: TransportProtocol;
  /** tcp / udp listeners: where connections go (udp uses the first). */
  readonly backends: readonly WeightedBackend[];
  /** http / https listeners: their RouteConfiguration. */
  readonly routeConfigName?: string;
}

export interface RouteIR {
  readonly name: string;
  /** An Envoy RouteMatch (proto3 JSON). */
  readonly match: JsonObject;
  /** Empty: no usable backend, answered with 500 as the Gateway API asks. */
  readonly backends: readonly WeightedBackend[];
}

export interface VirtualHostIR {
  readonly name: string;
  readonly domains: readonly string[];
  readonly routes: readonly RouteIR[];
}

export interface RouteConfigIR {
  readonly name: string;
  readonly virtualHosts: readonly VirtualHostIR[];
}

export interface EndpointIR {
  readonly address: string;
  readonly port: number;
  readonly protocol: TransportProtocol;
  /** The client node hosting the endpoint; absent for an ad-hoc endpoint reached without GUE. */
  readonly nodeAddress?: string;
  /** The GUE tunnel to nodeAddress (the first EPIC node's, as in the seed's map). */
  readonly tunnelId?: number;
  /** EPIC node address -> tunnel ID, when the proxy's replicas span EPIC nodes. */
  readonly epicTunnelIds?: Readonly<Record<string, number>>;
}

export interface ClusterIR {
  readonly name: string;
  readonly endpoints: readonly EndpointIR[];
}

export interface ProxyIR {
  readonly kind: 'LoadBalancer' | 'GWProxy';
  readonly namespace: string;
  readonly name: string;
  readonly nodeId: string;
  readonly displayName: string;
  readonly publicAddress?: string;
  readonly altAddress?: string;
  readonly listeners: readonly ListenerIR[];
  readonly routeConfigs: readonly RouteConfigIR[];
  readonly clusters: readonly ClusterIR[];
  readonly diagnostics: readonly Diagnostic[];
}
