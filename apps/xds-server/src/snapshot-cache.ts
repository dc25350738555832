// The snapshots this process serves, by xDS node id, and the streams watching each node. A
// stream registers before the node's snapshot exists (an Envoy may start before its proxy is
// rendered) and is told of every new snapshot. The last version of a node is remembered after
// its snapshot is dropped, so a proxy re-created under the same name continues from there.
import type { ProxySnapshot } from './snapshot.js';

export type SnapshotWatcher = (snapshot: ProxySnapshot) => void;

export class SnapshotCache {
  private readonly snapshots = new Map<string, ProxySnapshot>();
  private readonly watchers = new Map<string, Set<SnapshotWatcher>>();
  private readonly lastVersions = new Map<string, number>();

  get(nodeId: string): ProxySnapshot | undefined {
    return this.snapshots.get(nodeId);
  }

  /** The last version this process served for the node, 0 if none. */
  lastVersion(nodeId: string): number {
    return this.lastVersions.get(nodeId) ?? 0;
  }

  set(snapshot: ProxySnapshot): void {
    this.snapshots.set(snapshot.nodeId, snapshot);
    this.lastVersions.set(snapshot.nodeId, snapshot.version);
    for (const watcher of this.watchers.get(snapshot.nodeId) ?? []) watcher(snapshot);
  }

  /** Stops serving a node; its streams keep what they have. */
  remove(nodeId: string): void {
    this.snapshots.delete(nodeId);
  }

  watch(nodeId: string, watcher: SnapshotWatcher): () => void {
    let set = this.watchers.get(nodeId);
    if (!set) {
      set = new Set();
      this.watchers.set(nodeId, set);
    }
    set.add(watcher);
    return () => {
      set.delete(watcher);
      if (set.size === 0) this.watchers.delete(nodeId);
    };
  }

  /** Every snapshot served, for lookups by namespace or group (linear: events are rare enough). */
  all(): IterableIterator<ProxySnapshot> {
    return this.snapshots.values();
  }

  get size(): number {
    return this.snapshots.size;
  }
}
