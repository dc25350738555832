// Objects as the address allocator reads them (parsed by @epic/model, so defaults are applied).
import {
  apiVersionV1,
  coreNamespace,
  ServicePrefix,
  type AddressOwner,
  type AddressPool,
  type ServicePrefixStatus,
} from '@epic/model';
import { parsePool, type ParsedPool } from '../pool.js';

/** An owner in `epic-acme` whose uid is `uid-<name>`, so tests can name it by its name. */
export function ownerNamed(
  name: string,
  fields: { namespace?: string; kind?: AddressOwner['kind'] } = {},
): AddressOwner {
  return {
    kind: fields.kind ?? 'LoadBalancer',
    namespace: fields.namespace ?? 'epic-acme',
    name,
    uid: `uid-${name}`,
  };
}

/** A pool parsed for tests; throws on a bad one (tests of bad pools call parsePool). */
export function poolOf(pool: string, subnet: string, aggregation = 'default'): ParsedPool {
  const parsed = parsePool(
    { pool, subnet, aggregation, 'multus-bridge': 'multus0' },
    'ServicePrefix "test" public-pool',
  );
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.pool;
}

export interface PrefixFields {
  alt?: Partial<AddressPool> & Pick<AddressPool, 'pool' | 'subnet'>;
  status?: ServicePrefixStatus;
}

/** A ServicePrefix in the core namespace. */
export function servicePrefixNamed(
  name: string,
  publicPool: Partial<AddressPool> & Pick<AddressPool, 'pool' | 'subnet'>,
  fields: PrefixFields = {},
): ServicePrefix {
  return ServicePrefix.parse({
    apiVersion: apiVersionV1,
    kind: 'ServicePrefix',
    metadata: { name, namespace: coreNamespace, resourceVersion: '1' },
    spec: {
      'public-pool': publicPool,
      ...(fields.alt === undefined ? {} : { 'alt-pool': fields.alt }),
    },
    ...(fields.status === undefined ? {} : { status: fields.status }),
  });
}
