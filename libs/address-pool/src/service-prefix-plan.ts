// One write of a ServicePrefix's allocation record, decided whole: releases first (so their
// addresses can be reused at once), then a batch of requests on the public pool, then the alt
// pool for IPv6 proxies. The caller Updates the status it returns, carrying the read
// resourceVersion, and on 409 decides again on the fresh object.
import type { AddressClaims, AddressOwner, ServicePrefix, ServicePrefixStatus } from '@epic/model';
import { allocate, type AddressResult, type AllocationFailure } from './allocate.js';
import { parsePool, type PoolParse } from './pool.js';
import { release, type Released } from './release.js';

export interface PrefixRequest {
  owner: AddressOwner;
  sharingKey?: string;
  /** `spec.public-address` when it is set: that address is asked for. */
  address?: string;
  /** `spec.alt-address` when it is set. */
  altAddress?: string;
  /** Whether the owner carries an alt address (a GWProxy); it gets one when its address is IPv6. */
  wantsAlt: boolean;
}

export type Outcome = Extract<AddressResult, { ok: true }>['outcome'];
export type PrefixFailure = AllocationFailure | 'InvalidPool';

export type PrefixResult =
  | { ok: true; address: string; outcome: Outcome; altAddress?: string; altOutcome?: Outcome }
  /** Nothing to record. When only the alt pool failed, the public claim stays with its owner. */
  | { ok: false; reason: PrefixFailure; message: string };

export interface PrefixChange {
  /** Owners (uids) whose addresses are freed, in both pools. */
  releases?: Iterable<string>;
  requests?: readonly PrefixRequest[];
}

export interface PrefixPlan {
  /** The status to write; undefined when the record is unchanged. */
  status?: ServicePrefixStatus;
  /** One per request, in order. */
  results: PrefixResult[];
  released: { public: Released[]; alt: Released[] };
}

export interface PrefixPools {
  public: PoolParse;
  /** Absent when the ServicePrefix has no alt-pool. */
  alt?: PoolParse;
}

/** Both pools of a ServicePrefix, checked; the alt pool must be IPv4. */
export function parsePrefixPools(sp: ServicePrefix): PrefixPools {
  const name = sp.metadata.name ?? '';
  const pub = parsePool(sp.spec['public-pool'], `ServicePrefix "${name}" public-pool`);
  const altSpec = sp.spec['alt-pool'];
  if (!altSpec) return { public: pub };
  const label = `ServicePrefix "${name}" alt-pool`;
  const alt = parsePool(altSpec, label);
  if (alt.ok && alt.pool.family !== 4) {
    return {
      public: pub,
      alt: { ok: false, message: `${label}: pool "${altSpec.pool}" must be IPv4` },
    };
  }
  return { public: pub, alt };
}

/** Releases, then allocates, on a ServicePrefix's record; see the file header. */
export function planServicePrefix(sp: ServicePrefix, change: PrefixChange): PrefixPlan {
  const requests = change.requests ?? [];
  const uids = [...(change.releases ?? [])];
  const freedPublic = release(sp.status?.allocations, uids);
  const freedAlt = release(sp.status?.['alt-allocations'], uids);
  const pools = parsePrefixPools(sp);
  const pub = allocatePublic(pools.public, freedPublic.claims, requests);
  const alt = allocateAlt(pools, freedAlt.claims, requests, pub.results);
  const changed = freedPublic.changed || freedAlt.changed || pub.changed || alt.changed;
  return {
    status: changed ? statusWith(sp.status, pub.claims, alt.claims) : undefined,
    results: requests.map((_, i) => combine(pub.results[i], alt.results[i])),
    released: { public: freedPublic.released, alt: freedAlt.released },
  };
}

interface PoolOutcome {
  claims: AddressClaims;
  results: (AddressResult | InvalidPool | undefined)[];
  changed: boolean;
}

interface InvalidPool {
  ok: false;
  reason: 'InvalidPool';
  message: string;
}

function allocatePublic(
  parsed: PoolParse,
  claims: AddressClaims,
  requests: readonly PrefixRequest[],
): PoolOutcome {
  if (!parsed.ok) return invalidFor(parsed.message, claims, requests.length);
  const asks = requests.map(({ owner, sharingKey, address }) => ({ owner, sharingKey, address }));
  return allocate(parsed.pool, claims, asks);
}

function allocateAlt(
  pools: PrefixPools,
  claims: AddressClaims,
  requests: readonly PrefixRequest[],
  publicResults: PoolOutcome['results'],
): PoolOutcome {
  const wanted = requests.flatMap((request, i) =>
    needsAlt(pools, request, publicResults[i]) ? [i] : [],
  );
  const results: PoolOutcome['results'] = requests.map(() => undefined);
  if (wanted.length === 0 || !pools.alt) return { claims, results, changed: false };
  if (!pools.alt.ok) {
    const invalid: InvalidPool = { ok: false, reason: 'InvalidPool', message: pools.alt.message };
    for (const i of wanted) results[i] = invalid;
    return { claims, results, changed: false };
  }
  const asks = wanted.map((i) => {
    const { owner, sharingKey, altAddress } = requests[i]!;
    return { owner, sharingKey, address: altAddress };
  });
  const outcome = allocate(pools.alt.pool, claims, asks);
  wanted.forEach((requestIndex, k) => (results[requestIndex] = outcome.results[k]));
  return { claims: outcome.claims, results, changed: outcome.changed };
}

function needsAlt(
  pools: PrefixPools,
  request: PrefixRequest,
  publicResult: AddressResult | InvalidPool | undefined,
): boolean {
  const family = pools.public.ok ? pools.public.pool.family : undefined;
  return request.wantsAlt && pools.alt !== undefined && family === 6 && publicResult?.ok === true;
}

function invalidFor(message: string, claims: AddressClaims, count: number): PoolOutcome {
  const invalid: InvalidPool = { ok: false, reason: 'InvalidPool', message };
  return { claims, results: new Array(count).fill(invalid) as InvalidPool[], changed: false };
}

function combine(
  pub: AddressResult | InvalidPool | undefined,
  alt: AddressResult | InvalidPool | undefined,
): PrefixResult {
  if (!pub) throw new Error('planServicePrefix: a request got no public result');
  if (!pub.ok) return pub;
  if (alt && !alt.ok) return alt;
  const { address, outcome } = pub;
  return alt
    ? { ok: true, address, outcome, altAddress: alt.address, altOutcome: alt.outcome }
    : { ok: true, address, outcome };
}

function statusWith(
  status: ServicePrefixStatus | undefined,
  allocations: AddressClaims,
  altAllocations: AddressClaims,
): ServicePrefixStatus {
  const next: ServicePrefixStatus = { ...status };
  delete next.allocations;
  delete next['alt-allocations'];
  if (Object.keys(allocations).length > 0) next.allocations = allocations;
  if (Object.keys(altAllocations).length > 0) next['alt-allocations'] = altAllocations;
  return next;
}
