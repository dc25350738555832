// Writes the dispatcher's finalizer decisions: adds a node's agent finalizer to a proxy whose
// pods that node hosts, removes those of nodes that are gone. Each change is recomputed on the
// object as read (optimistic Update, retried on 409), so a concurrent agent release or another
// writer is never overwritten.
import type { Logger } from '@epic/logging';
import { proxyKey } from '@epic/tunnel-plan';
import type { ProxyObjects } from '../shared/proxy-objects.js';
import { applyFinalizerChange, type FinalizerChange } from './dispatch-plan.js';
import { forEachLimit } from '@epic/kube';

export async function writeFinalizerChanges(
  objects: ProxyObjects,
  changes: readonly FinalizerChange[],
  log: Logger,
): Promise<number> {
  let written = 0;
  await forEachLimit(changes, 8, async (change) => {
    const result = await objects.update({
      ref: change.ref,
      what: 'metadata.finalizers',
      subresource: 'main',
      change: (current) => {
        const deleting = current.metadata.deletionTimestamp !== undefined;
        const next = applyFinalizerChange(current.metadata.finalizers, change, deleting);
        return next && { ...current, metadata: { ...current.metadata, finalizers: next } };
      },
    });
    if (result === 'written') {
      written++;
      log.info(
        { ref: proxyKey(change.ref), added: change.add, removed: change.remove },
        'agent finalizers updated',
      );
    }
  });
  return written;
}
