// The only writer of a ServicePrefix's allocation record. Every change is one Update of the
// status carrying the read resourceVersion (409: re-read, decide again, retry; never Patch), and
// a ServicePrefix takes one Update at a time however many replicas try, so this is a group
// commit: while one write for a ServicePrefix is in flight, later claims and releases for it
// wait and go out together in the next one. An idle system pays no delay; a burst is batched.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  planServicePrefix,
  type PrefixChange,
  type PrefixPlan,
  type PrefixRequest,
  type PrefixResult,
} from '@epic/address-pool';
import { isApiError, replaceWithRetry, type ObjectRef } from '@epic/kube';
import { coreNamespace, type ServicePrefix } from '@epic/model';
import type { AllocatorMetrics } from './allocator-metrics.js';
import { RecentRecords } from './recent-records.js';

export interface PrefixStore {
  get(ref: ObjectRef): Promise<ServicePrefix>;
  replaceStatus(sp: ServicePrefix): Promise<ServicePrefix>;
}

export type ClaimResult =
  PrefixResult | { ok: false; reason: 'ServicePrefixNotFound'; message: string };

type Op =
  | {
      kind: 'claim';
      request: PrefixRequest;
      resolve: (r: ClaimResult) => void;
      reject: (e: Error) => void;
    }
  | {
      kind: 'release';
      uids: string[];
      resolve: (released: number) => void;
      reject: (e: Error) => void;
    };

export interface PrefixWriterOptions {
  /** Upper bound on the operations of one Update. */
  maxBatch: number;
  /** Update attempts per batch before its operations fail (and their jobs retry). */
  attempts: number;
  /** How long a batch waits for company before its first attempt (0: none). */
  lingerMs: number;
}

export const defaultWriterOptions: PrefixWriterOptions = {
  maxBatch: 256,
  attempts: 12,
  lingerMs: 50,
};

export class PrefixWriter {
  private readonly queues = new Map<string, Op[]>();
  private readonly recent = new RecentRecords(5_000);

  constructor(
    private readonly store: PrefixStore,
    private readonly metrics: AllocatorMetrics,
    private readonly options: PrefixWriterOptions = defaultWriterOptions,
  ) {}

  /**
   * Claims (or finds) the owner's addresses in the named ServicePrefix. Unless `fresh`, an owner
   * that the last record seen here shows holding what it asks for is answered without a read.
   */
  claim(
    servicePrefix: string,
    request: PrefixRequest,
    { fresh = false }: { fresh?: boolean } = {},
  ): Promise<ClaimResult> {
    const held = fresh ? undefined : this.recent.held(servicePrefix, request);
    if (held) return Promise.resolve(held);
    return new Promise((resolve, reject) =>
      this.enqueue(servicePrefix, { kind: 'claim', request, resolve, reject }),
    );
  }

  /**
   * Frees whatever the owners hold there; resolves with how many claims were dropped. Unless
   * `fresh`, owners that the last record seen here shows holding nothing cost no read (the
   * common case: a Gone event after the finalizer's release).
   */
  release(
    servicePrefix: string,
    uids: readonly string[],
    { fresh = true }: { fresh?: boolean } = {},
  ): Promise<number> {
    if (!fresh && this.recent.holdsAny(servicePrefix, uids) === false) return Promise.resolve(0);
    return new Promise((resolve, reject) =>
      this.enqueue(servicePrefix, { kind: 'release', uids: [...uids], resolve, reject }),
    );
  }

  private enqueue(servicePrefix: string, op: Op): void {
    const queue = this.queues.get(servicePrefix);
    if (queue) {
      queue.push(op);
      return;
    }
    const fresh = [op];
    this.queues.set(servicePrefix, fresh);
    void this.drain(servicePrefix, fresh);
  }

  /** One write in flight per ServicePrefix; the queue is dropped only when empty. */
  private async drain(servicePrefix: string, queue: Op[]): Promise<void> {
    while (queue.length > 0) {
      if (this.options.lingerMs > 0) await sleep(this.options.lingerMs);
      await this.flush(servicePrefix, queue);
    }
    this.queues.delete(servicePrefix);
  }

  /** Writes one batch; never throws: each operation is resolved or rejected. */
  private async flush(servicePrefix: string, queue: Op[]): Promise<void> {
    const batch: Op[] = [];
    // Operations that queued up while an attempt was refused (409) join the next attempt, so
    // contention between replicas makes the batches bigger instead of the queues longer.
    const take = () => batch.push(...queue.splice(0, this.options.maxBatch - batch.length));
    take();
    const ref = { namespace: coreNamespace, name: servicePrefix };
    let plan: PrefixPlan | undefined;
    try {
      await replaceWithRetry<ServicePrefix>({
        what: `ServicePrefix ${coreNamespace}/${servicePrefix} status.allocations`,
        read: async () => remembered(this.recent, await this.store.get(ref)),
        mutate: (sp) => {
          take();
          plan = planServicePrefix(sp, changeOf(batch));
          return plan.status && { ...sp, status: plan.status };
        },
        write: async (sp) => remembered(this.recent, await this.store.replaceStatus(sp)),
        attempts: this.options.attempts,
        onConflict: () => this.metrics.conflicts.inc({ service_prefix: servicePrefix }),
      });
    } catch (err) {
      this.recent.forget(servicePrefix);
      if (isApiError(err, 404)) return settleMissing(servicePrefix, batch);
      for (const op of batch) op.reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    if (plan) this.settle(servicePrefix, batch, plan);
  }

  private settle(servicePrefix: string, batch: Op[], plan: PrefixPlan): void {
    this.count(servicePrefix, plan, batch);
    const released = [...plan.released.public, ...plan.released.alt];
    let next = 0;
    for (const op of batch) {
      if (op.kind === 'claim') {
        const result = plan.results[next++];
        if (result) op.resolve(result);
        else op.reject(new Error(`ServicePrefix ${servicePrefix}: a claim got no result`));
      } else {
        const uids = new Set(op.uids);
        op.resolve(released.filter((r) => uids.has(r.owner.uid)).length);
      }
    }
  }

  private count(servicePrefix: string, plan: PrefixPlan, batch: Op[]): void {
    const fresh = (outcome: string | undefined) => outcome !== undefined && outcome !== 'held';
    for (const result of plan.results) {
      if (!result.ok) continue;
      if (fresh(result.outcome))
        this.metrics.allocations.inc({ service_prefix: servicePrefix, pool: 'public' });
      if (fresh(result.altOutcome))
        this.metrics.allocations.inc({ service_prefix: servicePrefix, pool: 'alt' });
    }
    const { public: pub, alt } = plan.released;
    if (pub.length > 0)
      this.metrics.releases.inc({ service_prefix: servicePrefix, pool: 'public' }, pub.length);
    if (alt.length > 0)
      this.metrics.releases.inc({ service_prefix: servicePrefix, pool: 'alt' }, alt.length);
    if (plan.status) this.metrics.writes.inc({ service_prefix: servicePrefix });
    this.metrics.batchSize.observe({ service_prefix: servicePrefix }, batch.length);
  }
}

function remembered(recent: RecentRecords, sp: ServicePrefix): ServicePrefix {
  recent.remember(sp);
  return sp;
}

function changeOf(batch: readonly Op[]): PrefixChange {
  return {
    releases: batch.flatMap((op) => (op.kind === 'release' ? op.uids : [])),
    requests: batch.flatMap((op) => (op.kind === 'claim' ? [op.request] : [])),
  };
}

function settleMissing(servicePrefix: string, batch: Op[]): void {
  const message =
    `ServicePrefix "${servicePrefix}" does not exist in the ${coreNamespace} namespace: ` +
    "create it, or point the service group's epic.acnodal.io/owning-serviceprefix label at one that exists";
  for (const op of batch) {
    if (op.kind === 'claim') op.resolve({ ok: false, reason: 'ServicePrefixNotFound', message });
    else op.resolve(0);
  }
}
