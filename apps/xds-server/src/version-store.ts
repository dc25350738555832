// Where snapshot versions are persisted. The server commits a proxy's new version before it
// serves it (write-ahead): after a crash the next process starts above anything a client saw.
import { applyVersionChanges, type VersionChange } from './version-commits.js';

export interface GroupRef {
  readonly namespace: string;
  readonly name: string;
}

export interface VersionStore {
  /**
   * Persists the proxy's next version: at least `wanted`, above anything stored. Resolves to
   * it. A proxy without a group keeps its versions in memory only (returns `wanted`).
   */
  commit(group: GroupRef | undefined, proxy: string, wanted: number): Promise<number>;
  /** Drops a deleted proxy's entry. */
  forget(group: GroupRef | undefined, proxy: string): Promise<void>;
}

export function groupKey(group: GroupRef): string {
  return `${group.namespace}/${group.name}`;
}

/** Versions in memory: for tests and the benchmark, and the rule in its plainest form. */
export class MemoryVersionStore implements VersionStore {
  readonly groups = new Map<string, Record<string, number>>();
  commits = 0;

  commit(group: GroupRef | undefined, proxy: string, wanted: number): Promise<number> {
    if (!group) return Promise.resolve(wanted);
    const applied = this.apply(group, [{ proxy, wanted }]);
    return Promise.resolve(applied.get(proxy) ?? wanted);
  }

  forget(group: GroupRef | undefined, proxy: string): Promise<void> {
    if (group) this.apply(group, [{ proxy, forget: true }]);
    return Promise.resolve();
  }

  private apply(group: GroupRef, changes: VersionChange[]) {
    const key = groupKey(group);
    const result = applyVersionChanges(this.groups.get(key) ?? {}, changes);
    this.groups.set(key, result.versions);
    this.commits += 1;
    return result.granted;
  }
}
