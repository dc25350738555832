// Service IDs: unique within an account, claimed in a batch from the Account's
// status.current-service-id and recorded in each LoadBalancer's spec.service-id. One Update of
// the Account claims k IDs (counter += k); each LB is then recorded on its own.
import type { Account, AccountStatus, LoadBalancer } from '@epic/model';
import { compareStrings } from './compare.js';
import {
  claimRange,
  counterValue,
  exhaustedPlan,
  isAssigned,
  plural,
  uint16Max,
  type ExhaustedPlan,
} from './counter.js';

export interface ServiceIdAssignment {
  /** The LoadBalancer's name (in the account's namespace). */
  name: string;
  serviceId: number;
}

export type ServiceIdPlan =
  /** Every LB given already holds a service ID. */
  | { kind: 'nothing-to-do' }
  /** Write `accountStatus` (Update, read resourceVersion), then record each assignment. */
  | { kind: 'claim'; accountStatus: AccountStatus; assignments: ServiceIdAssignment[] }
  | ExhaustedPlan;

type AccountLike = Pick<Account, 'metadata' | 'status'>;
type LoadBalancerLike = Pick<LoadBalancer, 'metadata' | 'spec'>;

/**
 * Decides which of an account's LoadBalancers need a service ID and which IDs they get: the
 * oldest first (creation timestamp, then name), so a replay hands out the same order. LBs that
 * hold an ID are skipped; an LB listed twice gets one ID. All or nothing: when fewer IDs remain
 * than are needed, nothing is claimed.
 */
export function planServiceIds(
  account: AccountLike,
  lbs: readonly LoadBalancerLike[],
): ServiceIdPlan {
  const names = lbsNeedingIds(account, lbs);
  if (names.length === 0) return { kind: 'nothing-to-do' };
  const last = counterValue(account.status?.['current-service-id']);
  const claim = claimRange({ last, count: names.length, max: uint16Max });
  if (!claim.ok) {
    return exhaustedPlan(
      claim,
      `account "${account.metadata.name}" needs ${plural(claim.asked, 'service ID')} but only ` +
        `${claim.remaining} of ${uint16Max} remain (status.current-service-id is ${last})`,
    );
  }
  return {
    kind: 'claim',
    accountStatus: { ...account.status, 'current-service-id': claim.last },
    assignments: names.map((name, i) => ({ name, serviceId: claim.first + i })),
  };
}

/**
 * The LoadBalancer with `serviceId` recorded, or undefined when it already holds one (this one
 * after a repeat, or another worker's: then ours leaks, which is safe).
 */
export function recordServiceId(lb: LoadBalancer, serviceId: number): LoadBalancer | undefined {
  if (isAssigned(lb.spec['service-id'])) return undefined;
  return { ...lb, spec: { ...lb.spec, 'service-id': serviceId } };
}

function lbsNeedingIds(account: AccountLike, lbs: readonly LoadBalancerLike[]): string[] {
  const created = new Map<string, string>();
  for (const lb of lbs) {
    assertSameNamespace(account, lb);
    const name = lb.metadata.name ?? '';
    if (isAssigned(lb.spec['service-id']) || created.has(name)) continue;
    // Missing timestamps sort first; the apiserver always sets one, so only tests omit it.
    created.set(name, lb.metadata.creationTimestamp ?? '');
  }
  return [...created.entries()].sort(byCreationThenName).map(([name]) => name);
}

function byCreationThenName(a: [string, string], b: [string, string]): number {
  // RFC 3339 timestamps as the apiserver writes them (UTC, seconds) order as strings.
  return compareStrings(a[1], b[1]) || compareStrings(a[0], b[0]);
}

function assertSameNamespace(account: AccountLike, lb: LoadBalancerLike): void {
  if (lb.metadata.namespace !== account.metadata.namespace || !lb.metadata.name) {
    throw new Error(
      `planServiceIds: LoadBalancer ${lb.metadata.namespace}/${lb.metadata.name} is not ` +
        `named in account "${account.metadata.name}"'s namespace ${account.metadata.namespace}`,
    );
  }
}
