// Kubernetes-style conditions: one per type, owned by the worker that writes it. The transition
// time only moves when the status does, so a worker re-asserting the same truth changes nothing
// and the Update it would send can be skipped.
import type { Condition } from './common.js';

/** What a worker asserts; the transition time is filled in by `setCondition`. */
export type ConditionUpdate = Omit<Condition, 'lastTransitionTime'>;

/**
 * The conditions with `update` applied: replaced in place when its type exists, appended
 * otherwise. Returns the same array when nothing would change, so callers can compare by
 * reference and skip a write.
 */
export function setCondition(
  conditions: readonly Condition[] | undefined,
  update: ConditionUpdate,
  now: Date,
): Condition[] {
  const current = conditions ?? [];
  const existing = current.find((c) => c.type === update.type);
  if (existing && sameAssertion(existing, update)) return current as Condition[];
  const lastTransitionTime =
    existing && existing.status === update.status
      ? existing.lastTransitionTime
      : now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const next: Condition = { ...update, lastTransitionTime };
  return existing ? current.map((c) => (c.type === update.type ? next : c)) : [...current, next];
}

/** The condition of a type, if set. */
export function findCondition(
  conditions: readonly Condition[] | undefined,
  type: string,
): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

function sameAssertion(existing: Condition, update: ConditionUpdate): boolean {
  return (
    existing.status === update.status &&
    existing.reason === update.reason &&
    existing.message === update.message &&
    existing.observedGeneration === update.observedGeneration
  );
}
