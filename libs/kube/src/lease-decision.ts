/** What a candidate sees of a coordination.k8s.io Lease. */
export interface LeaseView {
  holder: string | undefined;
  renewTime: Date | undefined;
  durationSeconds: number;
}

export type LeaseDecision =
  | 'create' // no Lease yet
  | 'renew' // we hold it
  | 'take-over' // free, released, or its holder stopped renewing
  | 'follow'; // someone else holds it and renews it

/** The leader-election rule, pure: the clock is an argument. */
export function decideLease(lease: LeaseView | undefined, me: string, now: Date): LeaseDecision {
  if (!lease) return 'create';
  if (lease.holder === me) return 'renew';
  if (!lease.holder || !lease.renewTime) return 'take-over';
  const expiresAt = lease.renewTime.getTime() + lease.durationSeconds * 1000;
  return now.getTime() > expiresAt ? 'take-over' : 'follow';
}
