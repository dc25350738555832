// Reading what a render needs. The kube reader is production; the memory reader serves the
// feature tests and the benchmark with the same bundling (proxy-bundles.ts).
import type { ObjectRef } from '@epic/kube';
import {
  coreNamespace,
  owningLoadBalancerLabel,
  type GWEndpointSliceInput,
  type GWProxyInput,
  type GWRouteInput,
  type LBServiceGroupInput,
  type LoadBalancerInput,
  type RemoteEndpointInput,
} from '@epic/model';
import {
  bundleAll,
  loadBalancerGroup,
  refKey,
  type GatewayBundle,
  type ListedObjects,
  type LoadBalancerBundle,
} from './proxy-bundles.js';

export interface ProxyReader {
  /** A LoadBalancer with its RemoteEndpoints and group; undefined when it does not exist. */
  loadBalancer(ref: ObjectRef): Promise<LoadBalancerBundle | undefined>;
  /** A namespace's GWProxies with its GWRoutes, GWEndpointSlices and groups. */
  gateways(namespace: string): Promise<GatewayBundle>;
  group(ref: ObjectRef): Promise<LBServiceGroupInput | undefined>;
  /** Everything served, for start-up. */
  everything(): Promise<{ loadBalancers: LoadBalancerBundle[]; gateways: GatewayBundle[] }>;
}

type Stored =
  | LoadBalancerInput
  | RemoteEndpointInput
  | LBServiceGroupInput
  | GWProxyInput
  | GWRouteInput
  | GWEndpointSliceInput;

/** Objects held in memory, as the API would hold them (tests, benchmark). */
export class MemoryProxyReader implements ProxyReader {
  /** namespace -> `<kind>/<ns>/<name>` -> object. */
  private readonly namespaces = new Map<string, Map<string, Stored>>();

  put(...objects: Stored[]): this {
    for (const object of objects) {
      const ns = object.metadata.namespace ?? '';
      const held = this.namespaces.get(ns) ?? new Map<string, Stored>();
      held.set(`${object.kind}/${refKey(object)}`, object);
      this.namespaces.set(ns, held);
    }
    return this;
  }

  remove(kind: Stored['kind'], ref: ObjectRef): this {
    this.namespaces.get(ref.namespace)?.delete(`${kind}/${ref.namespace}/${ref.name}`);
    return this;
  }

  private object(kind: Stored['kind'], ref: ObjectRef): Stored | undefined {
    return this.namespaces.get(ref.namespace)?.get(`${kind}/${ref.namespace}/${ref.name}`);
  }

  private listed(namespace?: string): ListedObjects {
    const held =
      namespace === undefined ? [...this.namespaces.values()] : [this.namespaces.get(namespace)];
    const all = held.flatMap((objects) => [...(objects?.values() ?? [])]);
    const of = <K extends Stored['kind']>(kind: K) =>
      all.filter((o): o is Extract<Stored, { kind: K }> => o.kind === kind);
    return {
      loadBalancers: of('LoadBalancer'),
      remoteEndpoints: of('RemoteEndpoint'),
      groups: of('LBServiceGroup'),
      gwProxies: of('GWProxy'),
      routes: of('GWRoute'),
      slices: of('GWEndpointSlice'),
    };
  }

  loadBalancer(ref: ObjectRef): Promise<LoadBalancerBundle | undefined> {
    const lb = this.object('LoadBalancer', ref);
    if (lb?.kind !== 'LoadBalancer') return Promise.resolve(undefined);
    const endpoints = this.listed(ref.namespace).remoteEndpoints.filter(
      (rep) => rep.metadata.labels?.[owningLoadBalancerLabel] === ref.name,
    );
    const name = loadBalancerGroup(lb) ?? '';
    const group =
      this.object('LBServiceGroup', { namespace: ref.namespace, name }) ??
      this.object('LBServiceGroup', { namespace: coreNamespace, name });
    return Promise.resolve({
      lb,
      endpoints,
      group: group?.kind === 'LBServiceGroup' ? group : undefined,
    });
  }

  gateways(namespace: string): Promise<GatewayBundle> {
    const own = this.listed(namespace);
    const system = namespace === coreNamespace ? [] : this.listed(coreNamespace).groups;
    const bundle = bundleAll({ ...own, groups: [...own.groups, ...system] }).gateways.find(
      (b) => b.namespace === namespace,
    );
    return Promise.resolve(
      bundle ?? { namespace, proxies: [], routes: [], slices: [], groups: new Map() },
    );
  }

  group(ref: ObjectRef): Promise<LBServiceGroupInput | undefined> {
    const group = this.object('LBServiceGroup', ref);
    return Promise.resolve(group?.kind === 'LBServiceGroup' ? group : undefined);
  }

  everything() {
    return Promise.resolve(bundleAll(this.listed()));
  }
}
