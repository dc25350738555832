// What the Envoy Deployment needs of a LoadBalancer or a GWProxy, read once, so every decision
// after this works on one shape whatever the kind.
import {
  apiVersionV1,
  owningLBServiceGroupLabel,
  owningLoadBalancerLabel,
  owningProxyLabel,
  type GWProxy,
  type LoadBalancer,
} from '@epic/model';

export type ProxyKind = 'LoadBalancer' | 'GWProxy';

export interface ProxyPort {
  port: number;
  protocol: 'TCP' | 'UDP' | 'SCTP';
}

export interface ProxySource {
  kind: ProxyKind;
  namespace: string;
  name: string;
  uid: string;
  generation?: number;
  /** The LBServiceGroup (same namespace), when the object names one. */
  serviceGroup?: string;
  /** The object's own envoy-replica-count, when set. */
  replicas?: number;
  ports: readonly ProxyPort[];
  deleting: boolean;
  finalizers: readonly string[];
}

/** The pod label that names a proxy of this kind (the original's, kept). */
export const owningLabelOf: Readonly<Record<ProxyKind, string>> = {
  LoadBalancer: owningLoadBalancerLabel,
  GWProxy: owningProxyLabel,
};

type ProxyObject =
  Pick<LoadBalancer, 'kind' | 'metadata' | 'spec'> | Pick<GWProxy, 'kind' | 'metadata' | 'spec'>;

/**
 * The proxy as the Deployment sees it. A GWProxy may leave `spec.service-group` out and carry
 * only the group label (the original read the label), so the label is the fallback.
 */
export function proxySourceOf(object: ProxyObject): ProxySource {
  const { metadata, spec } = object;
  return {
    kind: object.kind,
    ...identityOf(metadata),
    ...optionals({
      generation: metadata.generation,
      serviceGroup: spec['service-group'] || metadata.labels?.[owningLBServiceGroupLabel],
      replicas: spec['envoy-replica-count'],
    }),
    ports: (spec['public-ports'] ?? []).map((p) => ({ port: p.port, protocol: p.protocol })),
    deleting: metadata.deletionTimestamp !== undefined,
    finalizers: metadata.finalizers ?? [],
  };
}

function identityOf(metadata: ProxyObject['metadata']) {
  return {
    namespace: metadata.namespace ?? '',
    name: metadata.name ?? '',
    uid: metadata.uid ?? '',
  };
}

/** Only the keys that hold a value (an empty group name counts as none). */
function optionals<T extends Record<string, string | number | undefined>>(values: T) {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined && v !== ''),
  ) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** `LoadBalancer epic-acme/web`: how messages and logs name a proxy. */
export function describeProxy(proxy: Pick<ProxySource, 'kind' | 'namespace' | 'name'>): string {
  return `${proxy.kind} ${proxy.namespace}/${proxy.name}`;
}

/** The controller reference to the proxy, so deleting it cascades to what we made for it. */
export function ownerReferenceTo(proxy: Pick<ProxySource, 'kind' | 'name' | 'uid'>) {
  return {
    apiVersion: apiVersionV1,
    kind: proxy.kind,
    name: proxy.name,
    uid: proxy.uid,
    controller: true,
    blockOwnerDeletion: true,
  } as const;
}
