// What the three ID allocators share: typed clients, metrics, where Kubernetes Events go, the
// clock, and the claim helper that runs the seed's algorithm on a counter's parent.
import type { KubeConfig } from '@kubernetes/client-node';
import { EpicObjects, replaceWithRetry, type InvolvedObject, type KubeEvent } from '@epic/kube';
import { accountKind, epicKind, loadBalancerKind, remoteEndpointKind } from '@epic/model';
import type { AllocatorMetrics, CounterParent } from './allocator-metrics.js';
import type { ClaimLocks } from './claim-locks.js';
import { EpicNodes } from './epic-nodes.js';

export interface AllocatorContext {
  epics: EpicObjects<typeof epicKind>;
  accounts: EpicObjects<typeof accountKind>;
  lbs: EpicObjects<typeof loadBalancerKind>;
  endpoints: EpicObjects<typeof remoteEndpointKind>;
  metrics: AllocatorMetrics;
  /** Records a Kubernetes Event; best effort, never throws. */
  emit: (object: InvolvedObject, event: KubeEvent) => void;
  now: () => Date;
  /** Group commit of claims (see group-commit.ts); off = one claim per object. */
  batching: { enabled: boolean; maxBatch: number };
  /** One claim-and-record per object at a time across replicas (see claim-locks.ts). */
  locks: ClaimLocks;
  /** Where a LoadBalancer's Envoy pods run (for per-EPIC-node tunnel pairs). */
  epicNodes: EpicNodes;
}

export interface AllocatorDeps {
  kc: KubeConfig;
  metrics: AllocatorMetrics;
  emit: AllocatorContext['emit'];
  locks: ClaimLocks;
  batching?: Partial<AllocatorContext['batching']>;
  now?: () => Date;
}

export function createAllocatorContext(deps: AllocatorDeps): AllocatorContext {
  return {
    epics: new EpicObjects(deps.kc, epicKind),
    accounts: new EpicObjects(deps.kc, accountKind),
    lbs: new EpicObjects(deps.kc, loadBalancerKind),
    endpoints: new EpicObjects(deps.kc, remoteEndpointKind),
    metrics: deps.metrics,
    emit: deps.emit,
    locks: deps.locks,
    epicNodes: new EpicNodes(deps.kc),
    now: deps.now ?? (() => new Date()),
    batching: { enabled: true, maxBatch: 64, ...deps.batching },
  };
}

export interface CounterClaim<T> {
  parent: CounterParent;
  what: string;
  read: () => Promise<T>;
  /** The parent to write (counter advanced), or undefined when nothing is to be claimed. */
  decide: (parent: T) => T | undefined;
  write: (parent: T) => Promise<T>;
}

/**
 * The seed's claim: read the parent, advance its counter, Update it with the read
 * resourceVersion; on 409 re-read and decide again (bounded, jittered). Conflicts and the
 * claim's duration are measured per parent.
 */
export async function claimCounter<T>(ctx: AllocatorContext, claim: CounterClaim<T>) {
  const started = performance.now();
  let wrote = false;
  await replaceWithRetry({
    what: claim.what,
    read: claim.read,
    mutate: claim.decide,
    write: async (next) => {
      const written = await claim.write(next);
      wrote = true;
      return written;
    },
    attempts: 30,
    backoffMs: 20,
    onConflict: () => ctx.metrics.conflicts.inc({ parent: claim.parent }),
  });
  if (wrote) ctx.metrics.claims.inc({ parent: claim.parent });
  ctx.metrics.claimSeconds.observe({ parent: claim.parent }, (performance.now() - started) / 1000);
}

/** Objects being deleted get no new IDs: they would only leak. */
export function isLive(object: { metadata: { deletionTimestamp?: string | undefined } }): boolean {
  return object.metadata.deletionTimestamp === undefined;
}

/** The lock key of one object's claim of one kind of ID; the uid tells a re-made object apart. */
export function claimKey(
  kind: string,
  object: { metadata: { uid?: string | undefined; name?: string | undefined } },
): string {
  return `${kind}/${object.metadata.uid ?? object.metadata.name ?? ''}`;
}
