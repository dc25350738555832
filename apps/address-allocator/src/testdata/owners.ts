// LoadBalancers and GWProxies as the allocator reads them (parsed by @epic/model).
import {
  apiVersionV1,
  GWProxy,
  LBServiceGroup,
  LoadBalancer,
  type Condition,
  type ObjectMeta,
} from '@epic/model';

export interface OwnerFields {
  address?: string;
  altAddress?: string;
  group?: string;
  generation?: number;
  finalizers?: string[];
  labels?: Record<string, string>;
  conditions?: Condition[];
  deleting?: boolean;
}

function metadata(name: string, fields: OwnerFields): ObjectMeta {
  return {
    name,
    namespace: 'epic-acme',
    uid: `uid-${name}`,
    resourceVersion: '7',
    generation: fields.generation ?? 1,
    ...(fields.finalizers ? { finalizers: fields.finalizers } : {}),
    ...(fields.labels ? { labels: fields.labels } : {}),
    ...(fields.deleting ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}),
  };
}

export function lbNamed(name: string, fields: OwnerFields = {}): LoadBalancer {
  return LoadBalancer.parse({
    apiVersion: apiVersionV1,
    kind: 'LoadBalancer',
    metadata: metadata(name, fields),
    spec: {
      'service-group': fields.group ?? 'web',
      ...(fields.address ? { 'public-address': fields.address } : {}),
    },
    ...(fields.conditions ? { status: { conditions: fields.conditions } } : {}),
  });
}

export function proxyNamed(name: string, fields: OwnerFields = {}): GWProxy {
  return GWProxy.parse({
    apiVersion: apiVersionV1,
    kind: 'GWProxy',
    metadata: metadata(name, fields),
    spec: {
      ...(fields.group ? { 'service-group': fields.group } : {}),
      ...(fields.address ? { 'public-address': fields.address } : {}),
      ...(fields.altAddress ? { 'alt-address': fields.altAddress } : {}),
    },
    ...(fields.conditions ? { status: { conditions: fields.conditions } } : {}),
  });
}

export function allocatedCondition(
  generation: number,
  status: 'True' | 'False' = 'True',
): Condition {
  return {
    type: 'AddressAllocated',
    status,
    reason: status === 'True' ? 'Allocated' : 'PoolExhausted',
    message: 'x',
    observedGeneration: generation,
    lastTransitionTime: '2025-01-01T00:00:00Z',
  };
}

export function groupNamed(
  namespace: string,
  name: string,
  fields: { prefix?: string; shared?: boolean } = {},
): LBServiceGroup {
  return LBServiceGroup.parse({
    apiVersion: apiVersionV1,
    kind: 'LBServiceGroup',
    metadata: {
      namespace,
      name,
      ...(fields.prefix
        ? { labels: { 'epic.acnodal.io/owning-serviceprefix': fields.prefix } }
        : {}),
    },
    spec: { 'envoy-template': {}, 'can-be-shared': fields.shared ?? false },
  });
}
