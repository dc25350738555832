// A working copy of an allocation record (address -> claim) that decisions change step by step.
// The record as read is never mutated: `toClaims()` returns a new one, and `changed` says whether
// it differs, so a caller can skip the Update when nothing moved.
import type { AddressClaim, AddressClaims, AddressOwner } from '@epic/model';
import { canonicalAddress, parseAddress } from './address.js';

export class Ledger {
  private readonly claims = new Map<string, AddressClaim>();
  private readonly heldBy = new Map<string, string>();
  private dirty = false;

  constructor(record: AddressClaims | undefined) {
    for (const [key, claim] of Object.entries(record ?? {})) {
      // A hand-edited key (`2001:DB8::1`) is read as the address it names.
      const address = canonicalAddress(key) ?? key;
      if (address !== key) this.dirty = true;
      const existing = this.claims.get(address);
      const owners = existing ? [...existing.owners, ...claim.owners] : claim.owners;
      this.claims.set(address, { ...claim, owners });
      for (const owner of claim.owners) {
        if (!this.heldBy.has(owner.uid)) this.heldBy.set(owner.uid, address);
      }
    }
  }

  get changed(): boolean {
    return this.dirty;
  }

  /** The address an owner holds here, if any. */
  held(uid: string): string | undefined {
    return this.heldBy.get(uid);
  }

  claimAt(address: string): AddressClaim | undefined {
    return this.claims.get(address);
  }

  /** The first address claimed under `sharingKey` that `accept` allows. */
  sharedUnder(sharingKey: string, accept: (address: string) => boolean): string | undefined {
    for (const [address, claim] of this.claims) {
      if (claim['sharing-key'] === sharingKey && accept(address)) return address;
    }
    return undefined;
  }

  /** Numeric values of every claimed address of one family. */
  takenValues(family: 4 | 6): Set<bigint> {
    const taken = new Set<bigint>();
    for (const address of this.claims.keys()) {
      const parsed = parseAddress(address);
      if (parsed?.family === family) taken.add(parsed.value);
    }
    return taken;
  }

  /** Claims `address` for `owner`, or joins the owners already there. */
  add(address: string, owner: AddressOwner, sharingKey: string | undefined): void {
    const existing = this.claims.get(address);
    const owners = [...(existing?.owners ?? []), owner];
    const key = existing ? existing['sharing-key'] : sharingKey;
    this.claims.set(address, { owners, ...(key === undefined ? {} : { 'sharing-key': key }) });
    this.heldBy.set(owner.uid, address);
    this.dirty = true;
  }

  /**
   * Removes an owner from everything it holds (one address, unless the record was edited by
   * hand); an address is freed when no owner is left.
   */
  drop(uid: string): Array<{ address: string; owner: AddressOwner }> {
    if (!this.heldBy.delete(uid)) return [];
    const dropped: Array<{ address: string; owner: AddressOwner }> = [];
    for (const [address, claim] of this.claims) {
      const owner = claim.owners.find((o) => o.uid === uid);
      if (!owner) continue;
      dropped.push({ address, owner });
      const owners = claim.owners.filter((o) => o.uid !== uid);
      if (owners.length === 0) this.claims.delete(address);
      else this.claims.set(address, { ...claim, owners });
    }
    this.dirty = true;
    return dropped;
  }

  /** Every distinct owner, in address order of first appearance. */
  owners(): AddressOwner[] {
    const seen = new Map<string, AddressOwner>();
    for (const claim of this.claims.values()) {
      for (const owner of claim.owners) if (!seen.has(owner.uid)) seen.set(owner.uid, owner);
    }
    return [...seen.values()];
  }

  size(): number {
    return this.claims.size;
  }

  toClaims(): AddressClaims {
    return Object.fromEntries(this.claims);
  }
}
