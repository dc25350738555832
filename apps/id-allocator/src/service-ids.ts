// LoadBalancer service IDs, from the Account's status.current-service-id to
// LoadBalancer.spec.service-id. A burst of new LBs in one account shares one claim (group
// commit): the Account takes one Update for k IDs instead of k Updates racing each other.
import { planServiceIds, recordServiceId, type ServiceIdPlan } from '@epic/allocation';
import { isNotFound, orAbsent, readFirst, replaceWithRetry, type ObjectRef } from '@epic/kube';
import type { LoadBalancer } from '@epic/model';
import { AccountLocator } from './account-locator.js';
import { claimCounter, claimKey, isLive, type AllocatorContext } from './allocator-context.js';
import { refuseLoadBalancer } from './refuse-load-balancer.js';
import { GroupCommit, type ItemResult } from './group-commit.js';

/** What a claim gave one LB: its new ID, nothing (it held one), or why not. */
type ServiceIdOutcome = { serviceId?: number; exhausted?: string };

export class ServiceIds {
  private readonly commits: GroupCommit<LoadBalancer, ServiceIdOutcome>;
  private readonly locator: AccountLocator;

  constructor(private readonly ctx: AllocatorContext) {
    this.locator = new AccountLocator(ctx.accounts);
    this.commits = new GroupCommit((namespace, lbs) => this.claimBatch(namespace, lbs), {
      ...ctx.batching,
      onBatch: (size) => ctx.metrics.batchSize.observe({ parent: 'account' }, size),
    });
  }

  /** Gives the LB a service ID unless it holds one; returns the LB as it is afterwards. */
  async ensure(ref: ObjectRef): Promise<LoadBalancer | undefined> {
    const seen = await orAbsent(this.ctx.lbs.get(ref));
    if (!seen || !isLive(seen) || (seen.spec['service-id'] ?? 0) > 0) return seen;
    return this.ctx.locks.withLock(claimKey('service', seen), async () => {
      // Under the lock: another replica may have recorded one while we waited.
      const lb = await orAbsent(this.ctx.lbs.get(ref));
      if (!lb || !isLive(lb) || (lb.spec['service-id'] ?? 0) > 0) return lb;
      return this.allocate(ref, lb);
    });
  }

  private async allocate(ref: ObjectRef, lb: LoadBalancer): Promise<LoadBalancer | undefined> {
    const outcome = await this.commits.submit(ref.namespace, lb);
    if (outcome.exhausted !== undefined) {
      await refuseLoadBalancer(this.ctx, lb, {
        kind: 'service',
        reason: 'ServiceIdsExhausted',
        message: outcome.exhausted,
      });
      return undefined;
    }
    return outcome.serviceId === undefined ? lb : this.record(ref, outcome.serviceId, lb);
  }

  /** One claim for every LB of the batch; when too few IDs remain for all, one by one. */
  private async claimBatch(
    namespace: string,
    lbs: readonly LoadBalancer[],
  ): Promise<ItemResult<ServiceIdOutcome>[]> {
    const accountRef = await this.locator.accountOf(namespace);
    let plan: ServiceIdPlan = { kind: 'nothing-to-do' };
    await this.forgetOn404(
      namespace,
      claimCounter(this.ctx, {
        parent: 'account',
        what: `Account ${accountRef.namespace}/${accountRef.name} status.current-service-id`,
        read: () => this.ctx.accounts.get(accountRef),
        decide: (account) => {
          plan = planServiceIds(account, lbs);
          return plan.kind === 'claim' ? { ...account, status: plan.accountStatus } : undefined;
        },
        write: (account) => this.ctx.accounts.replaceStatus(account),
      }),
    );
    return this.outcomes(namespace, lbs, plan);
  }

  private async outcomes(
    namespace: string,
    lbs: readonly LoadBalancer[],
    plan: ServiceIdPlan,
  ): Promise<ItemResult<ServiceIdOutcome>[]> {
    if (plan.kind === 'exhausted' && lbs.length > 1) {
      const one = async (lb: LoadBalancer) => (await this.claimBatch(namespace, [lb]))[0];
      const results: ItemResult<ServiceIdOutcome>[] = [];
      for (const lb of lbs) results.push((await one(lb)) ?? { ok: true, value: {} });
      return results;
    }
    if (plan.kind === 'exhausted')
      return lbs.map(() => ({ ok: true, value: { exhausted: plan.message } }));
    const ids = new Map(
      plan.kind === 'claim' ? plan.assignments.map((a) => [a.name, a.serviceId]) : [],
    );
    return lbs.map((lb) => ({ ok: true, value: { serviceId: ids.get(lb.metadata.name ?? '') } }));
  }

  private async forgetOn404(namespace: string, claim: Promise<void>): Promise<void> {
    try {
      await claim;
    } catch (err) {
      if (isNotFound(err)) this.locator.forget(namespace);
      throw err;
    }
  }

  /**
   * Records the claimed ID, starting from the LB read under the claim lock (a GET saved when
   * nothing moved since); if the LB got one meanwhile, ours leaks (counted).
   */
  private async record(ref: ObjectRef, serviceId: number, lb: LoadBalancer): Promise<LoadBalancer> {
    const { object } = await replaceWithRetry<LoadBalancer>({
      what: `LoadBalancer ${ref.namespace}/${ref.name} spec.service-id`,
      read: readFirst(lb, () => this.ctx.lbs.get(ref)),
      mutate: (current) => recordServiceId(current, serviceId),
      write: (current) => this.ctx.lbs.replace(current),
    });
    if (object.spec['service-id'] !== serviceId) {
      this.ctx.metrics.leaked.inc({ kind: 'service' });
      return object;
    }
    this.ctx.metrics.allocated.inc({ kind: 'service' });
    this.ctx.emit(object, {
      type: 'Normal',
      reason: 'ServiceIdAllocated',
      message: `Service ID ${serviceId} allocated from the account's status.current-service-id.`,
    });
    return object;
  }
}
