import type { ListReason } from '@epic/kube';
import { objectKey, resourceVersionOf, uidOf } from './object-key.js';

/** One change to derive events from: add (new), update (old+new), delete (old), resync (new, observed). */
export interface ObjectChange {
  kind: string;
  key: string;
  old?: unknown;
  new?: unknown;
  observed?: boolean;
}

/** Relists that also re-announce unchanged objects (*Observed), so workers converge. */
const observingReasons: ReadonlySet<ListReason> = new Set(['start', 'resync']);

/**
 * What a complete list means against what ingest last published for that kind, pure:
 * new objects are adds, other resourceVersions are updates, a different uid under the same
 * name is a delete then an add, and anything published but no longer listed was deleted
 * while we were not watching: a delete. On start and resync, unchanged objects are
 * re-announced as observed.
 */
export function diffSnapshot(args: {
  kind: string;
  items: unknown[];
  known: ReadonlyMap<string, unknown>;
  reason: ListReason;
}): ObjectChange[] {
  const { kind, items, known, reason } = args;
  const changes: ObjectChange[] = [];
  const listed = new Set<string>();
  for (const item of items) {
    const key = objectKey(kind, item);
    listed.add(key);
    changes.push(
      ...itemChanges({
        kind,
        key,
        old: known.get(key),
        item,
        observe: observingReasons.has(reason),
      }),
    );
  }
  const prefix = `${kind}/`;
  for (const [key, old] of known) {
    if (key.startsWith(prefix) && !listed.has(key)) changes.push({ kind, key, old });
  }
  return changes;
}

/** The change one observed item means against what was last published for its key. */
export function itemChanges(args: {
  kind: string;
  key: string;
  old: unknown;
  item: unknown;
  observe: boolean;
}): ObjectChange[] {
  const { kind, key, old, item, observe } = args;
  if (old === undefined) return [{ kind, key, new: item }];
  if (uidOf(old) !== uidOf(item))
    return [
      { kind, key, old },
      { kind, key, new: item },
    ];
  if (resourceVersionOf(old) !== resourceVersionOf(item)) return [{ kind, key, old, new: item }];
  return observe ? [{ kind, key, new: item, observed: true }] : [];
}
