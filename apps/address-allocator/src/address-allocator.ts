// Public addresses for LoadBalancers and GWProxies, committed in their ServicePrefix's status.
// Steps for one owner, top to bottom (cluster-api style): fetch; being deleted -> release, then
// drop our finalizer; else find the ServicePrefix, claim there (the claim carries the owner's
// uid), record the address on the owner with our finalizer, and say so in a condition. Each
// step reads Kubernetes first, so repeated, reordered or replayed events change nothing, and a
// crash between claim and record is healed by the next run finding its own claim.
import type { KubeConfig } from '@kubernetes/client-node';
import { ownersOf, type PrefixRequest } from '@epic/address-pool';
import {
  EpicObjects,
  replaceWithRetry,
  type KubeEvent,
  type ObjectRef,
  isNotFound,
  orAbsent,
  readFirst,
  writeConditions,
} from '@epic/kube';
import type { Logger } from '@epic/logging';
import {
  coreNamespace,
  owningServicePrefixLabel,
  servicePrefixKind,
  type AddressOwner,
} from '@epic/model';
import { allocatedReport, refusedReport, type Refusal, type Report } from './address-condition.js';
import type { AllocatorMetrics } from './allocator-metrics.js';
import {
  addressOwnerOf,
  isSettled,
  ownerStores,
  prefixRequestOf,
  publicAddressFinalizer,
  recordClaim,
  refOf,
  withoutFinalizer,
  type Claimed,
  type Owner,
  type OwnerKind,
  type OwnerStore,
  type Recording,
} from './owners.js';
import { PrefixWriter, type ClaimResult, type PrefixWriterOptions } from './prefix-writer.js';
import {
  cachedGroupReader,
  groupReader,
  servicePrefixOf,
  type GroupReader,
} from './service-prefix-of.js';

export interface AddressAllocatorDeps {
  kc: KubeConfig;
  metrics: AllocatorMetrics;
  /** Records a core/v1 Event about an owner (best effort). */
  emit: (owner: Owner, event: KubeEvent) => void;
  batching?: PrefixWriterOptions;
  now?: () => Date;
}

export class AddressAllocator {
  private readonly stores: Record<OwnerKind, OwnerStore>;
  private readonly prefixes: EpicObjects<typeof servicePrefixKind>;
  private readonly writer: PrefixWriter;
  private readonly readGroup: GroupReader;
  private readonly now: () => Date;

  constructor(private readonly deps: AddressAllocatorDeps) {
    this.stores = ownerStores(deps.kc);
    this.prefixes = new EpicObjects(deps.kc, servicePrefixKind);
    this.writer = new PrefixWriter(this.prefixes, deps.metrics, deps.batching);
    this.readGroup = cachedGroupReader(groupReader(deps.kc), 10_000, () => Date.now());
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Converges one owner: an address when it has none, a release when it is being deleted.
   * `verify` also checks a settled owner's claim (on resync), re-claiming a lost one; `seen` is
   * the owner as the event showed it.
   */
  async reconcile(
    kind: OwnerKind,
    ref: ObjectRef,
    log: Logger,
    options: { verify?: boolean; seen?: Owner } = {},
  ): Promise<void> {
    const store = this.stores[kind];
    // The event's own copy saves a read; if it is stale, the first Update's 409 re-reads.
    const owner = options.seen ?? (await orAbsent(store.get(ref)));
    if (!owner) return;
    if (owner.metadata.deletionTimestamp !== undefined)
      return this.reconcileDelete(store, owner, log);
    if (!options.verify && isSettled(owner)) return;
    return this.reconcileNormal(store, owner, log, options.verify ?? false);
  }

  /**
   * The owner left the API, or is leaving (`fresh`: before our finalizer goes): free anything it
   * still holds. Without `fresh` a recent record showing nothing held saves the read.
   */
  async forget(
    owner: Owner,
    log: Logger,
    { fresh = false }: { fresh?: boolean } = {},
  ): Promise<void> {
    const servicePrefix = await this.servicePrefixName(owner);
    if (servicePrefix === undefined) return;
    const uid = owner.metadata.uid ?? '';
    const released = await this.writer.release(servicePrefix, [uid], { fresh });
    if (released > 0)
      log.info({ servicePrefix, released }, 'released the addresses of a gone object');
  }

  /**
   * Releases claims whose owner no longer exists. The owners are listed after the record was
   * read, and a claim is only ever written for an owner that exists, so an owner in the record
   * that is missing from the lists is gone for good. Returns how many claims were released.
   */
  async reclaim(servicePrefix: string, log: Logger): Promise<number> {
    const sp = await orAbsent(this.prefixes.get({ namespace: coreNamespace, name: servicePrefix }));
    if (!sp) return 0;
    const owners = [
      ...ownersOf(sp.status?.allocations),
      ...ownersOf(sp.status?.['alt-allocations']),
    ];
    const live = await this.liveUids(owners);
    const stale = [...new Set(owners.filter((o) => !live.has(o.uid)).map((o) => o.uid))];
    if (stale.length === 0) return 0;
    const released = await this.writer.release(servicePrefix, stale);
    this.deps.metrics.reclaimed.inc({ service_prefix: servicePrefix }, stale.length);
    log.info(
      { servicePrefix, owners: stale.length, released },
      'reclaimed addresses of gone owners',
    );
    return released;
  }

  private async reconcileNormal(
    store: OwnerStore,
    owner: Owner,
    log: Logger,
    verify: boolean,
  ): Promise<void> {
    const target = await servicePrefixOf(owner, this.readGroup);
    if (!target.ok) return this.refuse(store, owner, target, log);
    const request = prefixRequestOf(owner, target.sharingKey);
    const result = await this.claim(target.servicePrefix, request, log, verify);
    if (!result.ok) return this.refuse(store, owner, result, log);
    const claimed = claimedFrom(result, target.servicePrefix);
    const recorded = await this.record(store, owner, claimed);
    if (recorded === 'gone') {
      await this.writer.release(target.servicePrefix, [owner.metadata.uid ?? '']);
      return;
    }
    if (recorded === 'conflict') return; // the spec changed under us: its own event decides again
    // Nothing to record on an unsettled copy usually means this event came from our own record
    // write, whose condition write is on its way or done: read before writing the condition.
    const fresh = !recorded.wrote && !isSettled(owner);
    const report = allocatedReport(claimed, recorded.owner.metadata.generation);
    const changed = await this.report(store, recorded.owner, report, { fresh });
    if (changed && result.outcome !== 'held') {
      log.info(
        { address: claimed.address, alt: claimed.altAddress, servicePrefix: claimed.servicePrefix },
        'address allocated',
      );
      this.deps.emit(recorded.owner, report.event);
    }
  }

  /** Claims; an exhausted pool is first swept of claims whose owners are gone, then asked again. */
  private async claim(
    servicePrefix: string,
    request: PrefixRequest,
    log: Logger,
    fresh: boolean,
  ): Promise<ClaimResult> {
    const result = await this.writer.claim(servicePrefix, request, { fresh });
    if (result.ok || result.reason !== 'PoolExhausted') return result;
    if ((await this.reclaim(servicePrefix, log)) === 0) return result;
    return this.writer.claim(servicePrefix, request, { fresh: true });
  }

  private async reconcileDelete(store: OwnerStore, owner: Owner, log: Logger): Promise<void> {
    if (!withoutFinalizer(owner)) return;
    await this.forget(owner, log, { fresh: true });
    // Only after the release is committed: a crash before this line keeps the finalizer, and the
    // next run releases again (nothing left: harmless) and then lets the object go.
    await replaceWithRetry<Owner>({
      what: `${describe(owner)} finalizer ${publicAddressFinalizer}`,
      read: readFirst(owner, () => store.get(refOf(owner))),
      mutate: withoutFinalizer,
      write: (next) => store.replace(next),
    }).catch((err: unknown) => {
      if (!isNotFound(err)) throw err;
    });
  }

  /** Records the claim on the owner: 'gone' when it vanished or is being deleted without our finalizer. */
  private async record(
    store: OwnerStore,
    owner: Owner,
    claimed: Claimed,
  ): Promise<{ owner: Owner; wrote: boolean } | 'gone' | 'conflict'> {
    let outcome = 'unchanged' as Recording['kind'];
    try {
      const { object } = await replaceWithRetry<Owner>({
        what: `${describe(owner)} spec.public-address`,
        read: readFirst(owner, () => store.get(refOf(owner))),
        mutate: (current) => {
          // A namesake re-created since: the claim was for the one that is gone.
          const recording: Recording =
            current.metadata.uid === owner.metadata.uid
              ? recordClaim(current, claimed)
              : { kind: 'deleting' };
          outcome = recording.kind;
          return recording.kind === 'write' ? recording.owner : undefined;
        },
        write: (next) => store.replace(next),
      });
      if (outcome === 'deleting') return 'gone';
      return outcome === 'conflict' ? 'conflict' : { owner: object, wrote: outcome === 'write' };
    } catch (err) {
      if (isNotFound(err)) return 'gone';
      throw err;
    }
  }

  private async refuse(
    store: OwnerStore,
    owner: Owner,
    refusal: { reason: Refusal; message: string },
    log: Logger,
  ): Promise<void> {
    this.deps.metrics.refusals.inc({ reason: refusal.reason });
    const report = refusedReport(refusal, owner.metadata.generation);
    if (await this.report(store, owner, report)) {
      log.warn({ reason: refusal.reason, message: refusal.message }, 'no address');
      this.deps.emit(owner, report.event);
    }
  }

  /** Sets the condition through the status subresource; true when it changed. */
  private async report(
    store: OwnerStore,
    owner: Owner,
    report: Report,
    { fresh = false }: { fresh?: boolean } = {},
  ): Promise<boolean> {
    const read = () => store.get(refOf(owner));
    try {
      return await writeConditions<Owner>({
        what: `${describe(owner)} condition ${report.condition.type}`,
        read: fresh ? read : readFirst(owner, read),
        write: (next) => store.replaceStatus(next),
        // A namesake re-created since: the condition was about the one that is gone.
        conditions: (current) =>
          current.metadata.uid === owner.metadata.uid ? [report.condition] : [],
        now: this.now,
      });
    } catch (err) {
      if (!isNotFound(err)) throw err;
      return false;
    }
  }

  /** The ServicePrefix an owner's claims are in: its label (set when recorded), else its group's. */
  private async servicePrefixName(owner: Owner): Promise<string | undefined> {
    const labelled = owner.metadata.labels?.[owningServicePrefixLabel];
    if (labelled) return labelled;
    const target = await servicePrefixOf(owner, this.readGroup);
    return target.ok ? target.servicePrefix : undefined;
  }

  private async liveUids(owners: readonly AddressOwner[]): Promise<Set<string>> {
    const live = new Set<string>();
    const lists = new Set(owners.map((o) => `${o.kind}/${o.namespace}`));
    for (const key of lists) {
      const [kind, namespace] = key.split('/') as [OwnerKind, string];
      for (const owner of await this.stores[kind].list(namespace))
        live.add(addressOwnerOf(owner).uid);
    }
    return live;
  }
}

function claimedFrom(result: Extract<ClaimResult, { ok: true }>, servicePrefix: string): Claimed {
  return result.altAddress === undefined
    ? { address: result.address, servicePrefix }
    : { address: result.address, altAddress: result.altAddress, servicePrefix };
}

function describe(owner: Owner): string {
  const { namespace, name } = refOf(owner);
  return `${owner.kind} ${namespace}/${name}`;
}
