// A worker's own status conditions, written with the seed's optimistic Update: read, set the
// conditions, skip the write when the object already says the same, else Update the status
// subresource with the read resourceVersion and re-read on 409. `setCondition` keeps the
// transition time while the status holds, so re-asserting the same truth writes nothing.
import { setCondition, type Condition, type ConditionUpdate } from '@epic/model';
import { replaceWithRetry } from './replace-with-retry.js';

/** Any object with Kubernetes-style conditions in its status. */
export interface Conditioned {
  status?: { conditions?: Condition[] | undefined } | undefined;
}

/**
 * The object with the conditions set (undefined entries are skipped), or undefined when it
 * already says all of them.
 */
export function withConditions<T extends Conditioned>(
  object: T,
  updates: readonly (ConditionUpdate | undefined)[],
  now: Date,
): T | undefined {
  const before = object.status?.conditions;
  const after = updates.reduce<Condition[] | undefined>(
    (list, update) => (update ? setCondition(list, update, now) : list),
    before,
  );
  return after === before
    ? undefined
    : { ...object, status: { ...object.status, conditions: after } };
}

/** The object with the condition set, or undefined when there is none or it already says that. */
export function withCondition<T extends Conditioned>(
  object: T,
  update: ConditionUpdate | undefined,
  now: Date,
): T | undefined {
  return withConditions(object, [update], now);
}

export interface ConditionWrite<T> {
  /** What is updated, for error messages: `Account a/b status.conditions`. */
  what: string;
  read: () => Promise<T>;
  /** Updates the status subresource with the read resourceVersion; 409 when someone was first. */
  write: (next: T) => Promise<T>;
  /**
   * The conditions to assert on the object as read, asked again after a conflict (the
   * object may have moved); none, or only undefined, leaves the object alone.
   */
  conditions: (current: T) => readonly (ConditionUpdate | undefined)[];
  now: () => Date;
}

/** Sets the conditions through `write`; true when it wrote (they changed). */
export async function writeConditions<T extends Conditioned>(
  op: ConditionWrite<T>,
): Promise<boolean> {
  let wrote = false;
  await replaceWithRetry({
    what: op.what,
    read: op.read,
    mutate: (current) => withConditions(current, op.conditions(current), op.now()),
    write: async (next) => {
      const written = await op.write(next);
      wrote = true;
      return written;
    },
  });
  return wrote;
}
