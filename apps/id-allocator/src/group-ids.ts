// Account group IDs, from EPIC status.current-group-id to Account.spec.group-id. Accounts are
// created by people, rarely and one at a time, so these claims are not grouped.
import {
  accountIdsCondition,
  exhaustedCondition,
  planGroupId,
  recordGroupId,
  type GroupIdPlan,
} from '@epic/allocation';
import { replaceWithRetry, type ObjectRef, orAbsent, writeConditions } from '@epic/kube';
import { coreNamespace, epicSingletonName, type Account } from '@epic/model';
import { claimCounter, claimKey, isLive, type AllocatorContext } from './allocator-context.js';
import { readEpic } from './epic-singleton.js';

export class GroupIds {
  constructor(private readonly ctx: AllocatorContext) {}

  /** Gives the Account a group ID unless it holds one; returns the ID it holds afterwards. */
  async ensure(ref: ObjectRef): Promise<number | undefined> {
    const seen = await orAbsent(this.ctx.accounts.get(ref));
    if (!seen || !isLive(seen)) return undefined;
    if ((seen.spec['group-id'] ?? 0) > 0) return this.held(ref, seen);
    return this.ctx.locks.withLock(claimKey('group', seen), async () => {
      // Under the lock: another replica may have recorded one while we waited.
      const account = await orAbsent(this.ctx.accounts.get(ref));
      return account && isLive(account) ? this.allocate(ref, account) : undefined;
    });
  }

  private async held(ref: ObjectRef, account: Account): Promise<number | undefined> {
    await this.updateCondition(ref);
    return account.spec['group-id'];
  }

  private async allocate(ref: ObjectRef, account: Account): Promise<number | undefined> {
    const plan = await this.claim(account);
    if (plan.kind === 'exhausted') {
      await this.refuse(account, plan.message);
      return undefined;
    }
    const groupId = plan.kind === 'claim' ? await this.record(ref, plan.groupId) : plan.groupId;
    await this.updateCondition(ref);
    return groupId;
  }

  private async claim(account: Account): Promise<GroupIdPlan> {
    let plan: GroupIdPlan = { kind: 'has-id', groupId: account.spec['group-id'] ?? 0 };
    if (plan.groupId > 0) return plan;
    await claimCounter(this.ctx, {
      parent: 'epic',
      what: `EPIC ${coreNamespace}/${epicSingletonName} status.current-group-id (for Account ${account.metadata.namespace}/${account.metadata.name})`,
      read: () => readEpic(this.ctx),
      decide: (epic) => {
        plan = planGroupId(epic, account);
        return plan.kind === 'claim' ? { ...epic, status: plan.epicStatus } : undefined;
      },
      write: (epic) => this.ctx.epics.replaceStatus(epic),
    });
    return plan;
  }

  /** Records the claimed ID; if the Account got one meanwhile, ours leaks (counted). */
  private async record(ref: ObjectRef, groupId: number): Promise<number | undefined> {
    const { object } = await replaceWithRetry({
      what: `Account ${ref.namespace}/${ref.name} spec.group-id`,
      read: () => this.ctx.accounts.get(ref),
      mutate: (a) => recordGroupId(a, groupId),
      write: (a) => this.ctx.accounts.replace(a),
    });
    const held = object.spec['group-id'];
    if (held !== groupId) {
      this.ctx.metrics.leaked.inc({ kind: 'group' });
      return held;
    }
    this.ctx.metrics.allocated.inc({ kind: 'group' });
    this.ctx.emit(object, {
      type: 'Normal',
      reason: 'GroupIdAllocated',
      message: `Group ID ${groupId} allocated from EPIC status.current-group-id.`,
    });
    return groupId;
  }

  private async updateCondition(ref: ObjectRef): Promise<void> {
    await writeConditions({
      what: `Account ${ref.namespace}/${ref.name} status.conditions`,
      read: () => this.ctx.accounts.get(ref),
      write: (a) => this.ctx.accounts.replaceStatus(a),
      conditions: (account) => [accountIdsCondition(account)],
      now: this.ctx.now,
    });
  }

  private async refuse(account: Account, message: string): Promise<void> {
    this.ctx.metrics.exhausted.inc({ kind: 'group' });
    const condition = exhaustedCondition(account, 'GroupIdsExhausted', message);
    const ref = { namespace: account.metadata.namespace ?? '', name: account.metadata.name ?? '' };
    const changed = await writeConditions({
      what: `Account ${ref.namespace}/${ref.name} status.conditions`,
      read: () => this.ctx.accounts.get(ref),
      write: (a) => this.ctx.accounts.replaceStatus(a),
      conditions: () => [condition],
      now: this.ctx.now,
    });
    // Said once, when it became true; a repeated event finds the condition set and stays quiet.
    if (changed) {
      this.ctx.emit(account, {
        type: 'Warning',
        reason: condition.reason,
        message: condition.message,
      });
    }
  }
}
