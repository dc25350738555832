// Allocation as one decision over the committed record: k requests in, the new record and one
// result per request out. The caller writes the record back with an Update carrying the read
// resourceVersion, so a decision made on a stale record never lands: it is made again.
import type { AddressClaims, AddressOwner } from '@epic/model';
import { canonicalAddress, formatAddress } from './address.js';
import { Ledger } from './ledger.js';
import { notInPool, type ParsedPool } from './pool.js';

export interface AddressRequest {
  owner: AddressOwner;
  /** Owners with the same key may share one address (a can-be-shared group); absent: exclusive. */
  sharingKey?: string;
  /** A specific address, e.g. `spec.public-address` as the user wrote it. */
  address?: string;
}

export type AllocationFailure = 'PoolExhausted' | 'AddressUnavailable';

export type AddressResult =
  | {
      ok: true;
      address: string;
      /**
       * held: the owner already held it; claimed: newly taken; shared: joined owners with the
       * same sharing key; moved: the owner asked for another address and its old one was freed.
       */
      outcome: 'held' | 'claimed' | 'shared' | 'moved';
    }
  | { ok: false; reason: AllocationFailure; message: string };

export interface Allocation {
  claims: AddressClaims;
  /** One per request, in request order. */
  results: AddressResult[];
  /** Whether `claims` differs from the record given (an Update is needed). */
  changed: boolean;
}

/**
 * Decides k requests at once. Requests naming an address go first, so an address someone asked
 * for is not handed to an unnamed request of the same batch; unnamed requests get the lowest
 * free address (a freed address is the first reused). An owner that holds an address keeps it,
 * whatever the pool says now. Only the pool's own addresses are ever claimed.
 */
export function allocate(
  pool: ParsedPool,
  record: AddressClaims | undefined,
  requests: readonly AddressRequest[],
): Allocation {
  const ledger = new Ledger(record);
  const results = new Array<AddressResult>(requests.length);
  requests.forEach((request, i) => {
    if (request.address !== undefined) results[i] = allocateNamed(pool, ledger, request);
  });
  const free = freeAddresses(pool, ledger.takenValues(pool.family));
  requests.forEach((request, i) => {
    if (request.address === undefined) results[i] = allocateNext(pool, ledger, request, free);
  });
  return { claims: ledger.toClaims(), results, changed: ledger.changed };
}

function allocateNamed(pool: ParsedPool, ledger: Ledger, request: AddressRequest): AddressResult {
  const { owner, sharingKey } = request;
  const address = canonicalAddress(request.address ?? '');
  if (address === undefined) return unavailable(`"${request.address}" is not an IP address`);
  const held = ledger.held(owner.uid);
  if (held === address) return { ok: true, address, outcome: 'held' };
  const refused = notInPool(pool, address) ?? inUse(pool, ledger, address, sharingKey);
  if (refused) return unavailable(refused);
  const shared = ledger.claimAt(address) !== undefined;
  if (held !== undefined) ledger.drop(owner.uid);
  ledger.add(address, owner, sharingKey);
  return {
    ok: true,
    address,
    outcome: held !== undefined ? 'moved' : shared ? 'shared' : 'claimed',
  };
}

/** Why a claimed address cannot be joined under `sharingKey`, or undefined when it is free or can. */
function inUse(
  pool: ParsedPool,
  ledger: Ledger,
  address: string,
  sharingKey: string | undefined,
): string | undefined {
  const claim = ledger.claimAt(address);
  if (!claim || (sharingKey !== undefined && claim['sharing-key'] === sharingKey)) return undefined;
  const why = claim['sharing-key'] === undefined ? 'not shared' : 'shared under another key';
  return `${address} is already in use in ${pool.label} and ${why}`;
}

function allocateNext(
  pool: ParsedPool,
  ledger: Ledger,
  request: AddressRequest,
  free: Iterator<bigint>,
): AddressResult {
  const { owner, sharingKey } = request;
  const held = ledger.held(owner.uid);
  if (held !== undefined) return { ok: true, address: held, outcome: 'held' };
  const shared =
    sharingKey === undefined
      ? undefined
      : ledger.sharedUnder(sharingKey, (address) => notInPool(pool, address) === undefined);
  if (shared !== undefined) {
    ledger.add(shared, owner, sharingKey);
    return { ok: true, address: shared, outcome: 'shared' };
  }
  const next = free.next();
  if (next.done) return exhausted(pool);
  const address = formatAddress({ family: pool.family, value: next.value });
  ledger.add(address, owner, sharingKey);
  return { ok: true, address, outcome: 'claimed' };
}

/**
 * The pool's free addresses, lowest first. Each step passes a taken or reserved address or
 * yields, so finding k free addresses costs at most taken + reserved + k steps: a /64 is never
 * enumerated. Taken addresses may lie outside the pool (it shrank); they are simply skipped.
 */
function* freeAddresses(pool: ParsedPool, taken: ReadonlySet<bigint>): Generator<bigint> {
  const reserved = new Set(pool.reserved);
  let inPool = 0n;
  for (const value of taken) {
    if (value >= pool.first && value <= pool.last && !reserved.has(value)) inPool++;
  }
  if (inPool >= pool.size) return;
  for (let value = pool.first; value <= pool.last; value++) {
    if (!taken.has(value) && !reserved.has(value)) yield value;
  }
}

function unavailable(message: string): AddressResult {
  return { ok: false, reason: 'AddressUnavailable', message };
}

function exhausted(pool: ParsedPool): AddressResult {
  const count = pool.size === 1n ? '1 address' : `${pool.size} addresses`;
  return {
    ok: false,
    reason: 'PoolExhausted',
    message:
      `pool exhausted: ${pool.label} (pool ${pool.text}) has ${count} and all are in use; ` +
      'add addresses to the pool, or delete load balancers that no longer need theirs',
  };
}
