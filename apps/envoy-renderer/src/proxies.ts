// Typed access to the objects that get Envoy pods (LoadBalancers, GWProxies) and to the
// service groups they are made from. Every object read is parsed by @epic/model.
import { CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import type { ProxyKind } from '@epic/envoy-deployment';
import { EpicObjects, type ObjectRef } from '@epic/kube';
import {
  apiGroup,
  gwProxyKind,
  lbServiceGroupKind,
  loadBalancerKind,
  type GWProxy,
  type LoadBalancer,
} from '@epic/model';

export type ProxyObject = LoadBalancer | GWProxy;

/** One kind's reads and writes, the same shape for both kinds. */
export interface ProxyStore {
  get(ref: ObjectRef): Promise<ProxyObject>;
  list(namespace: string): Promise<ProxyObject[]>;
  listAll(): Promise<ProxyObject[]>;
  replace(object: ProxyObject): Promise<ProxyObject>;
  replaceStatus(object: ProxyObject): Promise<ProxyObject>;
}

function storeOf(kc: KubeConfig, kind: typeof loadBalancerKind | typeof gwProxyKind): ProxyStore {
  const objects = new EpicObjects(kc, kind);
  const custom = kc.makeApiClient(CustomObjectsApi);
  return {
    get: (ref) => objects.get(ref),
    list: (namespace) => objects.list(namespace),
    // Only when EPIC's default image changes: every proxy may be affected.
    async listAll() {
      const raw = (await custom.listClusterCustomObject({
        group: apiGroup,
        version: 'v1',
        plural: kind.plural,
      })) as { items?: unknown[] };
      // An object that fails its schema cannot be reconciled (its own events say so): skip it
      // rather than fail the rollout for every other proxy.
      return (raw.items ?? []).flatMap((item) => {
        const parsed = kind.object.safeParse(item);
        return parsed.success ? [parsed.data] : [];
      });
    },
    replace: (object) => objects.replace(object),
    replaceStatus: (object) => objects.replaceStatus(object),
  };
}

export function proxyStores(kc: KubeConfig): Record<ProxyKind, ProxyStore> {
  return { LoadBalancer: storeOf(kc, loadBalancerKind), GWProxy: storeOf(kc, gwProxyKind) };
}

export function groupStore(kc: KubeConfig) {
  return new EpicObjects(kc, lbServiceGroupKind);
}

export function refOf(object: ProxyObject): ObjectRef {
  return { namespace: object.metadata.namespace ?? '', name: object.metadata.name ?? '' };
}
