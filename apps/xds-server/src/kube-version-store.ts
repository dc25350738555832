// Snapshot versions in LBServiceGroup status.proxy-snapshot-versions, written by optimistic
// Update (the read resourceVersion; 409 -> re-read and retry), never Patch. Commits for one
// group are grouped: while one Update is in flight the next ones queue, and go out together as
// the next Update, so a burst of changes (start-up renders thousands) costs a few writes per
// group, not one per proxy.
import { replaceWithRetry, type EpicObjects, isNotFound } from '@epic/kube';
import type { Logger } from '@epic/logging';
import type { lbServiceGroupKind } from '@epic/model';
import { applyVersionChanges, type VersionChange } from './version-commits.js';
import { groupKey, type GroupRef, type VersionStore } from './version-store.js';

interface Waiter {
  readonly change: VersionChange;
  readonly resolve: (granted: ReadonlyMap<string, number>) => void;
  readonly reject: (err: unknown) => void;
}

interface Slot {
  readonly group: GroupRef;
  readonly queue: Waiter[];
  running: boolean;
}

export class KubeVersionStore implements VersionStore {
  private readonly slots = new Map<string, Slot>();

  constructor(
    private readonly groups: EpicObjects<typeof lbServiceGroupKind>,
    private readonly log: Logger,
    private readonly maxBatch = 500,
  ) {}

  async commit(group: GroupRef | undefined, proxy: string, wanted: number): Promise<number> {
    if (!group) return wanted;
    const granted = await this.enqueue(group, { proxy, wanted });
    return granted.get(proxy) ?? wanted;
  }

  async forget(group: GroupRef | undefined, proxy: string): Promise<void> {
    if (group) await this.enqueue(group, { proxy, forget: true });
  }

  private enqueue(group: GroupRef, change: VersionChange): Promise<ReadonlyMap<string, number>> {
    const key = groupKey(group);
    const slot = this.slots.get(key) ?? { group, queue: [], running: false };
    this.slots.set(key, slot);
    const done = new Promise<ReadonlyMap<string, number>>((resolve, reject) =>
      slot.queue.push({ change, resolve, reject }),
    );
    if (!slot.running) void this.drain(key, slot);
    return done;
  }

  private async drain(key: string, slot: Slot): Promise<void> {
    slot.running = true;
    while (slot.queue.length > 0) {
      const batch = slot.queue.splice(0, this.maxBatch);
      try {
        const granted = await this.write(
          slot.group,
          batch.map((w) => w.change),
        );
        for (const waiter of batch) waiter.resolve(granted);
      } catch (err) {
        for (const waiter of batch) waiter.reject(err);
      }
    }
    slot.running = false;
    this.slots.delete(key);
  }

  private async write(
    group: GroupRef,
    changes: readonly VersionChange[],
  ): Promise<ReadonlyMap<string, number>> {
    let granted: ReadonlyMap<string, number> = new Map();
    try {
      await replaceWithRetry({
        what: `LBServiceGroup ${groupKey(group)} status.proxy-snapshot-versions`,
        read: () => this.groups.get(group),
        mutate: (current) => {
          const stored = current.status?.['proxy-snapshot-versions'] ?? {};
          const applied = applyVersionChanges(stored, changes);
          granted = applied.granted;
          if (!applied.changed) return undefined;
          return {
            ...current,
            status: { ...current.status, 'proxy-snapshot-versions': applied.versions },
          };
        },
        write: (next) => this.groups.replaceStatus(next),
        attempts: 10,
        backoffMs: 20,
      });
    } catch (err) {
      if (!isNotFound(err)) throw err;
      // The group is gone (or not made yet): nothing to persist in; memory keeps the order.
      this.log.debug({ group: groupKey(group) }, 'no LBServiceGroup to keep snapshot versions in');
      granted = applyVersionChanges({}, changes).granted;
    }
    return granted;
  }
}
