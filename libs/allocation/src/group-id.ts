// Account group IDs: one per Account, claimed from the EPIC singleton's status.current-group-id
// and recorded in Account.spec.group-id. Claim first (Update of the EPIC status), record second
// (Update of the Account): a crash in between leaks the claimed ID, never duplicates it.
import type { Account, EPIC, EPICStatus } from '@epic/model';
import { claimRange, counterValue, isAssigned, uint16Max } from './counter.js';

export type GroupIdPlan =
  /** The Account already holds a group ID: nothing to write. */
  | { kind: 'has-id'; groupId: number }
  /** Write `epicStatus` to the EPIC (Update, read resourceVersion), then record `groupId`. */
  | { kind: 'claim'; groupId: number; epicStatus: EPICStatus }
  | { kind: 'exhausted'; reason: 'exhausted'; message: string };

/** Decides whether an Account needs a group ID and, if so, which one to claim from the EPIC. */
export function planGroupId(
  epic: Pick<EPIC, 'status'>,
  account: Pick<Account, 'metadata' | 'spec'>,
): GroupIdPlan {
  const held = account.spec['group-id'];
  if (isAssigned(held)) return { kind: 'has-id', groupId: held };
  const last = counterValue(epic.status?.['current-group-id']);
  const claim = claimRange({ last, count: 1, max: uint16Max });
  if (!claim.ok) {
    return {
      kind: 'exhausted',
      reason: 'exhausted',
      message:
        `account "${account.metadata.name}" needs a group ID but none is left: all ${uint16Max} ` +
        `have been handed out (EPIC status.current-group-id is ${last})`,
    };
  }
  return {
    kind: 'claim',
    groupId: claim.first,
    epicStatus: { ...epic.status, 'current-group-id': claim.last },
  };
}

/**
 * The Account with `groupId` recorded, or undefined when it already holds one (this one after
 * a repeat, or another worker's: then ours leaks, which is safe). Fits `replaceWithRetry`'s mutate.
 */
export function recordGroupId(account: Account, groupId: number): Account | undefined {
  if (isAssigned(account.spec['group-id'])) return undefined;
  return { ...account, spec: { ...account.spec, 'group-id': groupId } };
}
