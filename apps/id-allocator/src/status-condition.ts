// Writing the one condition id-allocator owns, without a write when it already says the same.
import { replaceWithRetry } from '@epic/kube';
import { setCondition, type Condition, type ConditionUpdate } from '@epic/model';

interface Conditioned {
  status?: { conditions?: Condition[] | undefined } | undefined;
}

/** The object with the condition set, or undefined when it already says that. */
export function withCondition<T extends Conditioned>(
  object: T,
  condition: ConditionUpdate | undefined,
  now: Date,
): T | undefined {
  if (!condition) return undefined;
  const conditions = object.status?.conditions;
  const next = setCondition(conditions, condition, now);
  return next === conditions
    ? undefined
    : { ...object, status: { ...object.status, conditions: next } };
}

export interface ConditionWrite<T> {
  what: string;
  read: () => Promise<T>;
  write: (next: T) => Promise<T>;
  /** The condition for the object as read (recomputed after a conflict). */
  condition: (current: T) => ConditionUpdate | undefined;
  now: Date;
}

/** Sets the condition through the status subresource; true when it changed. */
export async function writeCondition<T extends Conditioned>(
  op: ConditionWrite<T>,
): Promise<boolean> {
  let changed = false;
  await replaceWithRetry({
    what: op.what,
    read: op.read,
    mutate: (current) => withCondition(current, op.condition(current), op.now),
    write: async (next) => {
      const written = await op.write(next);
      changed = true;
      return written;
    },
  });
  return changed;
}
