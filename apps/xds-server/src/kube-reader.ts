// Reading proxies and what they point at from the apiserver. Lists are cluster-wide, or per
// namespace when the server is scoped (EPIC_XDS_NAMESPACES). Each item is checked with its
// kind's schema on its own: one object the schema rejects is logged and skipped, and does not
// stop the rest of its namespace from being served.
import { CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { apiErrorCode, type ObjectRef } from '@epic/kube';
import type { Logger } from '@epic/logging';
import {
  apiGroup,
  coreNamespace,
  gwEndpointSliceKind,
  gwProxyKind,
  gwRouteKind,
  lbServiceGroupKind,
  loadBalancerKind,
  owningLoadBalancerLabel,
  remoteEndpointKind,
  type KindDescriptor,
} from '@epic/model';
import type { z } from 'zod';
import { bundleAll, loadBalancerGroup, type GatewayBundle } from './proxy-bundles.js';
import type { ProxyReader } from './proxy-reader.js';

type Item<K extends KindDescriptor> = z.infer<K['object']>;

export class KubeProxyReader implements ProxyReader {
  private readonly api: CustomObjectsApi;

  constructor(
    kc: KubeConfig,
    private readonly log: Logger,
    /** Namespaces served; undefined = all (cluster-wide lists). */
    private readonly namespaces?: readonly string[],
  ) {
    this.api = kc.makeApiClient(CustomObjectsApi);
  }

  private parse<K extends KindDescriptor>(kind: K, raw: unknown): Item<K> | undefined {
    const parsed = kind.object.safeParse(raw);
    if (parsed.success) return parsed.data as Item<K>;
    const meta = (raw as { metadata?: { namespace?: string; name?: string } }).metadata;
    this.log.warn(
      { kind: kind.kind, ref: `${meta?.namespace ?? ''}/${meta?.name ?? ''}`, err: parsed.error },
      'object does not match its schema; not served',
    );
    return undefined;
  }

  private async list<K extends KindDescriptor>(
    kind: K,
    namespace?: string,
    labelSelector?: string,
  ): Promise<Item<K>[]> {
    const base = { group: apiGroup, version: 'v1', plural: kind.plural, labelSelector };
    const call: Promise<unknown> =
      namespace === undefined
        ? this.api.listClusterCustomObject(base)
        : this.api.listNamespacedCustomObject({ ...base, namespace });
    const raw = (await call) as { items?: unknown[] };
    return (raw.items ?? []).flatMap((item) => this.parse(kind, item) ?? []);
  }

  /** Cluster-wide, or each served namespace in turn. */
  private async listScoped<K extends KindDescriptor>(
    kind: K,
    also: readonly string[] = [],
  ): Promise<Item<K>[]> {
    if (!this.namespaces) return this.list(kind);
    const namespaces = new Set([...this.namespaces, ...also]);
    const lists = await Promise.all([...namespaces].map((ns) => this.list(kind, ns)));
    return lists.flat();
  }

  private async get<K extends KindDescriptor>(
    kind: K,
    ref: ObjectRef,
  ): Promise<Item<K> | undefined> {
    try {
      const raw: unknown = await this.api.getNamespacedCustomObject({
        group: apiGroup,
        version: 'v1',
        plural: kind.plural,
        ...ref,
      });
      return this.parse(kind, raw);
    } catch (err) {
      if (apiErrorCode(err) === 404) return undefined;
      throw new Error(`reading ${kind.kind} ${ref.namespace}/${ref.name}`, { cause: err });
    }
  }

  async loadBalancer(ref: ObjectRef) {
    const lb = await this.get(loadBalancerKind, ref);
    if (!lb) return undefined;
    const [endpoints, group] = await Promise.all([
      this.list(remoteEndpointKind, ref.namespace, `${owningLoadBalancerLabel}=${ref.name}`),
      this.groupOf(ref.namespace, loadBalancerGroup(lb)),
    ]);
    return { lb, endpoints, group };
  }

  /** The group of that name in the namespace, else the system group in the core namespace. */
  private async groupOf(namespace: string, name: string | undefined) {
    if (!name) return undefined;
    const own = await this.group({ namespace, name });
    if (own || namespace === coreNamespace) return own;
    return this.group({ namespace: coreNamespace, name });
  }

  async gateways(namespace: string): Promise<GatewayBundle> {
    const [gwProxies, routes, slices, own, system] = await Promise.all([
      this.list(gwProxyKind, namespace),
      this.list(gwRouteKind, namespace),
      this.list(gwEndpointSliceKind, namespace),
      this.list(lbServiceGroupKind, namespace),
      namespace === coreNamespace ? [] : this.list(lbServiceGroupKind, coreNamespace),
    ]);
    const groups = [...own, ...system];
    const bundles = bundleAll({
      loadBalancers: [],
      remoteEndpoints: [],
      groups,
      gwProxies,
      routes,
      slices,
    });
    const bundle = bundles.gateways.find((b) => b.namespace === namespace);
    return bundle ?? { namespace, proxies: [], routes, slices, groups: new Map() };
  }

  group(ref: ObjectRef) {
    return this.get(lbServiceGroupKind, ref);
  }

  async everything() {
    const [loadBalancers, remoteEndpoints, groups, gwProxies, routes, slices] = await Promise.all([
      this.listScoped(loadBalancerKind),
      this.listScoped(remoteEndpointKind),
      // System groups in the core namespace serve every account.
      this.listScoped(lbServiceGroupKind, [coreNamespace]),
      this.listScoped(gwProxyKind),
      this.listScoped(gwRouteKind),
      this.listScoped(gwEndpointSliceKind),
    ]);
    return bundleAll({ loadBalancers, remoteEndpoints, groups, gwProxies, routes, slices });
  }
}
