// Releases this node's agent finalizer from the proxies the dispatcher listed (being deleted, or
// no longer having a pod here), once the table without them has been programmed: their tunnels
// are gone from this node before their deletion may go on. Each release re-reads the proxy and
// removes only this node's finalizer (optimistic Update, retried on 409).
import type { Logger } from '@epic/logging';
import { agentFinalizersAfter, proxyKey, type ProxyRef } from '@epic/tunnel-plan';
import type { ProxyObjects } from '../shared/proxy-objects.js';
import { forEachLimit } from '@epic/kube';

export async function releaseFinalizers(args: {
  objects: ProxyObjects;
  node: string;
  release: readonly ProxyRef[];
  log: Logger;
}): Promise<number> {
  let released = 0;
  await forEachLimit(args.release, 8, async (ref) => {
    const result = await args.objects.update({
      ref,
      what: `metadata.finalizers (release ${args.node})`,
      subresource: 'main',
      change: (current) => {
        const finalizers = agentFinalizersAfter({
          kind: ref.kind,
          node: args.node,
          finalizers: current.metadata.finalizers,
          carried: false,
        });
        return finalizers && { ...current, metadata: { ...current.metadata, finalizers } };
      },
    });
    if (result === 'written') {
      released++;
      args.log.info({ ref: proxyKey(ref) }, 'agent finalizer released: no tunnels left here');
    }
  });
  return released;
}
