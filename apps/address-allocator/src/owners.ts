// The objects that hold public addresses, LoadBalancers and GWProxies, seen through one shape:
// how to read and write them, and the pure decisions about the fields this worker owns
// (`spec.public-address`, `spec.alt-address`, its finalizer, the `owning-serviceprefix` label).
import type { KubeConfig } from '@kubernetes/client-node';
import { canonicalAddress, type PrefixRequest } from '@epic/address-pool';
import { EpicObjects, type ObjectRef } from '@epic/kube';
import {
  findCondition,
  gwProxyKind,
  loadBalancerKind,
  owningLBServiceGroupLabel,
  owningServicePrefixLabel,
  type AddressOwner,
  type GWProxy,
  type LoadBalancer,
} from '@epic/model';

/** Ours alone: the address is released before it goes, so deletion always frees it. */
export const publicAddressFinalizer = 'epic.acnodal.io/public-address';
/** The condition this worker owns on LoadBalancers and GWProxies. */
export const addressConditionType = 'AddressAllocated';

export type Owner = LoadBalancer | GWProxy;
export type OwnerKind = AddressOwner['kind'];

/** Reads and writes of one owner kind (Update with the read resourceVersion, never Patch). */
export interface OwnerStore {
  readonly kind: OwnerKind;
  /** Whether the kind carries `spec.alt-address` (a GWProxy). */
  readonly wantsAlt: boolean;
  get(ref: ObjectRef): Promise<Owner>;
  list(namespace: string): Promise<Owner[]>;
  replace(owner: Owner): Promise<Owner>;
  replaceStatus(owner: Owner): Promise<Owner>;
  delete(ref: ObjectRef): Promise<void>;
}

export function ownerStores(kc: KubeConfig): Record<OwnerKind, OwnerStore> {
  const lbs = new EpicObjects(kc, loadBalancerKind);
  const proxies = new EpicObjects(kc, gwProxyKind);
  return {
    LoadBalancer: {
      kind: 'LoadBalancer',
      wantsAlt: false,
      get: (ref) => lbs.get(ref),
      list: (namespace) => lbs.list(namespace),
      replace: (owner) => lbs.replace(owner as LoadBalancer),
      replaceStatus: (owner) => lbs.replaceStatus(owner as LoadBalancer),
      delete: (ref) => lbs.delete(ref),
    },
    GWProxy: {
      kind: 'GWProxy',
      wantsAlt: true,
      get: (ref) => proxies.get(ref),
      list: (namespace) => proxies.list(namespace),
      replace: (owner) => proxies.replace(owner as GWProxy),
      replaceStatus: (owner) => proxies.replaceStatus(owner as GWProxy),
      delete: (ref) => proxies.delete(ref),
    },
  };
}

export function refOf(owner: Owner): ObjectRef {
  return { namespace: owner.metadata.namespace ?? '', name: owner.metadata.name ?? '' };
}

/** The owner as a claim records it: kind, namespace, name and the uid that tells namesakes apart. */
export function addressOwnerOf(owner: Owner): AddressOwner {
  const { namespace, name } = refOf(owner);
  return { kind: owner.kind, namespace, name, uid: owner.metadata.uid ?? '' };
}

/** The owner's service group: `spec.service-group`, for a GWProxy else its group label. */
export function serviceGroupOf(owner: Owner): string | undefined {
  return owner.spec['service-group'] ?? owner.metadata.labels?.[owningLBServiceGroupLabel];
}

export function altAddressOf(owner: Owner): string | undefined {
  return owner.kind === 'GWProxy' ? owner.spec['alt-address'] : undefined;
}

/**
 * Nothing to do: the finalizer is on, an address is recorded, and the condition says it was
 * allocated for the current generation (a user's new spec.public-address bumps the generation).
 */
export function isSettled(owner: Owner): boolean {
  const condition = findCondition(owner.status?.conditions, addressConditionType);
  return (
    owner.metadata.deletionTimestamp === undefined &&
    (owner.metadata.finalizers ?? []).includes(publicAddressFinalizer) &&
    owner.spec['public-address'] !== undefined &&
    condition?.status === 'True' &&
    condition.observedGeneration === owner.metadata.generation
  );
}

/** What the owner asks its ServicePrefix for: the addresses its spec names, if any. */
export function prefixRequestOf(owner: Owner, sharingKey: string | undefined): PrefixRequest {
  const address = owner.spec['public-address'];
  const altAddress = altAddressOf(owner);
  return {
    owner: addressOwnerOf(owner),
    wantsAlt: owner.kind === 'GWProxy',
    ...(sharingKey === undefined ? {} : { sharingKey }),
    ...(address === undefined ? {} : { address }),
    ...(altAddress === undefined ? {} : { altAddress }),
  };
}

export interface Claimed {
  address: string;
  altAddress?: string;
  servicePrefix: string;
}

export type Recording =
  | { kind: 'write'; owner: Owner }
  | { kind: 'unchanged' }
  /** The spec names other addresses now (the user changed it): its own event decides again. */
  | { kind: 'conflict' }
  /** Being deleted without our finalizer: the claim must be released, not recorded. */
  | { kind: 'deleting' };

/** The owner with the claimed addresses, our finalizer and the ServicePrefix label recorded. */
export function recordClaim(owner: Owner, claimed: Claimed): Recording {
  const finalizers = owner.metadata.finalizers ?? [];
  const ours = finalizers.includes(publicAddressFinalizer);
  if (owner.metadata.deletionTimestamp !== undefined && !ours) return { kind: 'deleting' };
  if (
    !sameAddress(owner.spec['public-address'], claimed.address) ||
    !sameAddress(altAddressOf(owner), claimed.altAddress)
  ) {
    return { kind: 'conflict' };
  }
  if (isRecorded(owner, claimed)) return { kind: 'unchanged' };
  const metadata = {
    ...owner.metadata,
    labels: { ...owner.metadata.labels, [owningServicePrefixLabel]: claimed.servicePrefix },
    finalizers: ours ? finalizers : [...finalizers, publicAddressFinalizer],
  };
  return { kind: 'write', owner: { ...owner, metadata, spec: specWith(owner, claimed) } as Owner };
}

/** The spec with the claimed addresses where it has none (a user's own text is kept). */
function specWith(owner: Owner, claimed: Claimed): Owner['spec'] {
  const alt = claimed.altAddress;
  return {
    ...owner.spec,
    'public-address': owner.spec['public-address'] ?? claimed.address,
    ...(alt === undefined ? {} : { 'alt-address': altAddressOf(owner) ?? alt }),
  };
}

function isRecorded(owner: Owner, claimed: Claimed): boolean {
  return (
    owner.spec['public-address'] !== undefined &&
    (claimed.altAddress === undefined || altAddressOf(owner) !== undefined) &&
    (owner.metadata.finalizers ?? []).includes(publicAddressFinalizer) &&
    owner.metadata.labels?.[owningServicePrefixLabel] === claimed.servicePrefix
  );
}

/** The owner without our finalizer, or undefined when it has none. */
export function withoutFinalizer(owner: Owner): Owner | undefined {
  const finalizers = owner.metadata.finalizers ?? [];
  if (!finalizers.includes(publicAddressFinalizer)) return undefined;
  const rest = finalizers.filter((f) => f !== publicAddressFinalizer);
  return { ...owner, metadata: { ...owner.metadata, finalizers: rest } };
}

/** Unset, or the same address however it is written. */
function sameAddress(recorded: string | undefined, claimed: string | undefined): boolean {
  if (recorded === undefined || claimed === undefined) return true;
  return canonicalAddress(recorded) === claimed;
}
