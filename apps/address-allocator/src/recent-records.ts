// "Does this owner already hold its address?" answered from the last allocation record this
// replica read or wrote, so the re-check that our own record write triggers (and any other
// change event of a settled owner) does not read a large ServicePrefix again. Only a plain
// "held" comes from here; a request for anything else, or on resync, goes to the API.
import { canonicalAddress, type PrefixRequest, type PrefixResult } from '@epic/address-pool';
import type { AddressClaims, ServicePrefix } from '@epic/model';

interface Index {
  public: Map<string, string>;
  alt: Map<string, string>;
  hasAltPool: boolean;
  at: number;
}

export class RecentRecords {
  private readonly records = new Map<string, Index>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  remember(sp: ServicePrefix): void {
    this.records.set(sp.metadata.name ?? '', {
      public: byOwner(sp.status?.allocations),
      alt: byOwner(sp.status?.['alt-allocations']),
      hasAltPool: sp.spec['alt-pool'] !== undefined,
      at: this.now(),
    });
  }

  forget(servicePrefix: string): void {
    this.records.delete(servicePrefix);
  }

  /** Whether any of the owners holds an address in the recent record; undefined when none is recent. */
  holdsAny(servicePrefix: string, uids: readonly string[]): boolean | undefined {
    const index = this.records.get(servicePrefix);
    if (!index || this.now() - index.at > this.ttlMs) return undefined;
    return uids.some((uid) => index.public.has(uid) || index.alt.has(uid));
  }

  /** The owner's addresses when the recent record shows it holds what it asks for. */
  held(servicePrefix: string, request: PrefixRequest): PrefixResult | undefined {
    const index = this.records.get(servicePrefix);
    if (!index || this.now() - index.at > this.ttlMs) return undefined;
    const uid = request.owner.uid;
    const address = index.public.get(uid);
    if (address === undefined || !asks(request.address, address)) return undefined;
    if (!request.wantsAlt) return { ok: true, address, outcome: 'held' };
    const altAddress = index.alt.get(uid);
    const altNeeded = index.hasAltPool && address.includes(':');
    if (altAddress === undefined)
      return altNeeded ? undefined : { ok: true, address, outcome: 'held' };
    if (!asks(request.altAddress, altAddress)) return undefined;
    return { ok: true, address, outcome: 'held', altAddress, altOutcome: 'held' };
  }
}

function asks(requested: string | undefined, held: string): boolean {
  return requested === undefined || canonicalAddress(requested) === held;
}

function byOwner(claims: AddressClaims | undefined): Map<string, string> {
  const index = new Map<string, string>();
  for (const [address, claim] of Object.entries(claims ?? {})) {
    for (const owner of claim.owners) index.set(owner.uid, address);
  }
  return index;
}
