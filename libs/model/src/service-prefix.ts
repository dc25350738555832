// ServicePrefix (core namespace): a pool of public addresses that service groups allocate from.
// Its status is the pool's allocation record: which address is held by which LoadBalancer or
// GWProxy. The address allocator writes it only by Update carrying the read resourceVersion,
// so every replica sees one committed truth and nothing is rebuilt from memory.
import { z } from 'zod';
import { Conditions } from './common.js';
import { addressPool, cidr } from './ip-address.js';
import { ageColumn, kubeObject, type KindDescriptor } from './kind-descriptor.js';

export const AddressPool = z.object({
  pool: addressPool('Addresses to hand out: a CIDR (10.0.0.0/24) or a range (a-b), IPv4 or IPv6.'),
  subnet: cidr('Subnet that contains every pool address.'),
  aggregation: z
    .string()
    .regex(/^(default|\/?([89]|[1-9][0-9]|1[01][0-9]|12[0-8]))$/)
    .default('default')
    .meta({
      description:
        'Route aggregation: "default" (the subnet mask) or a mask length 8-128, optionally with a leading "/".',
    }),
  'multus-bridge': z
    .string()
    .default('multus0')
    .meta({ description: 'Linux bridge that carries the public addresses to Envoy pods.' }),
});
export type AddressPool = z.infer<typeof AddressPool>;

export const ServicePrefixSpec = z.object({
  'public-pool': AddressPool.meta({ description: 'The public address pool.' }),
  'alt-pool': AddressPool.optional().meta({
    description: 'An IPv4 pool that a dual-stack / IPv6 proxy also needs.',
  }),
});
export type ServicePrefixSpec = z.infer<typeof ServicePrefixSpec>;

/** The object that holds an address: the claim's uid tells a re-created namesake apart. */
export const AddressOwner = z.object({
  kind: z.enum(['LoadBalancer', 'GWProxy']),
  namespace: z.string().max(63),
  name: z.string().max(253),
  uid: z.string().min(1).max(64).meta({ description: 'metadata.uid of the owner.' }),
});
export type AddressOwner = z.infer<typeof AddressOwner>;

/** One allocated address: its owners (one, or several sharing it) and their sharing key. */
export const AddressClaim = z.object({
  // Atomic, not a list map keyed by uid: the allocator replaces the record whole, and per-owner
  // field ownership would double the managedFields of a record that can hold thousands.
  owners: z.array(AddressOwner).min(1).meta({
    description: 'Objects holding the address; more than one only when they share it.',
  }),
  'sharing-key': z.string().max(320).optional().meta({
    description:
      'Owners with this key may share the address (a can-be-shared group); absent: exclusive.',
  }),
});
export type AddressClaim = z.infer<typeof AddressClaim>;

/** Address (canonical text) -> its claim. */
export const AddressClaims = z.record(z.string(), AddressClaim);
export type AddressClaims = z.infer<typeof AddressClaims>;

export const ServicePrefixStatus = z.object({
  conditions: Conditions.optional(),
  allocations: AddressClaims.optional().meta({
    description:
      'public-pool address -> who holds it. Written by the address allocator with Update (never Patch).',
  }),
  'alt-allocations': AddressClaims.optional().meta({
    description: 'alt-pool address -> who holds it, for the IPv4 side of IPv6 proxies.',
  }),
});
export type ServicePrefixStatus = z.infer<typeof ServicePrefixStatus>;

export const ServicePrefix = kubeObject('ServicePrefix', ServicePrefixSpec, ServicePrefixStatus);
export type ServicePrefix = z.infer<typeof ServicePrefix>;
/** The object as written (defaulted fields optional). */
export type ServicePrefixInput = z.input<typeof ServicePrefix>;

export const servicePrefixKind = {
  kind: 'ServicePrefix',
  plural: 'serviceprefixes',
  singular: 'serviceprefix',
  listKind: 'ServicePrefixList',
  shortNames: ['sp', 'sps'],
  description: 'A pool of public addresses (in the epic namespace) that service groups use.',
  sourceFile: 'libs/model/src/service-prefix.ts',
  printerColumns: [
    { name: 'Pool', type: 'string', jsonPath: '.spec.public-pool.pool' },
    { name: 'Subnet', type: 'string', jsonPath: '.spec.public-pool.subnet' },
    { name: 'Alt-Pool', type: 'string', jsonPath: '.spec.alt-pool.pool', priority: 1 },
    ageColumn,
  ],
  schema: { spec: ServicePrefixSpec, status: ServicePrefixStatus },
  object: ServicePrefix,
} satisfies KindDescriptor;
