// Releasing addresses and finding claims whose owner is gone. Release is by owner uid, so it is
// idempotent (a second release finds nothing) and never frees an address a re-created namesake
// (same name, new uid) holds.
import type { AddressClaims, AddressOwner } from '@epic/model';
import { Ledger } from './ledger.js';

export interface Released {
  address: string;
  owner: AddressOwner;
}

export interface Release {
  claims: AddressClaims;
  /** Each (address, owner) pair removed; an address is free once its last owner is removed. */
  released: Released[];
  changed: boolean;
}

/** The record without any claim of the given owners. Unknown uids are ignored. */
export function release(record: AddressClaims | undefined, uids: Iterable<string>): Release {
  const ledger = new Ledger(record);
  const released: Released[] = [];
  for (const uid of new Set(uids)) released.push(...ledger.drop(uid));
  return { claims: ledger.toClaims(), released, changed: ledger.changed };
}

/** Every distinct owner in the record. */
export function ownersOf(record: AddressClaims | undefined): AddressOwner[] {
  return new Ledger(record).owners();
}

/** The address an owner holds in the record, if any. */
export function addressHeldBy(record: AddressClaims | undefined, uid: string): string | undefined {
  return new Ledger(record).held(uid);
}

/**
 * Owners in the record that are not among the live objects. Safe to release only when `liveUids`
 * was listed after the record was read: a claim is written after its owner exists, so an owner
 * in the record that is still alive must be in a later list.
 */
export function staleOwners(
  record: AddressClaims | undefined,
  liveUids: ReadonlySet<string>,
): AddressOwner[] {
  return ownersOf(record).filter((owner) => !liveUids.has(owner.uid));
}
