// A proxy being deleted: remove its Deployment and ConfigMap (ours only), and release our
// finalizer only once both are gone. Owner references would cascade too, but not under
// `kubectl delete --cascade=orphan`, and the finalizer makes "the LB is gone" mean "its Envoy
// is gone". Deletion propagates in the background: the Deployment object goes at once and
// the garbage collector removes its ReplicaSets and pods after it.
import type { V1ConfigMap, V1Deployment } from '@kubernetes/client-node';
import {
  describeProxy,
  envoyObjectName,
  holdsEnvoyFinalizer,
  ownershipOf,
  proxySourceOf,
  type ProxySource,
} from '@epic/envoy-deployment';
import type { ObjectRef } from '@epic/kube';
import type { Logger } from '@epic/logging';
import { InvalidNameError } from '@epic/model';
import type { EnvoyObjectKind } from './envoy-objects.js';
import type { ProxyObject } from './proxies.js';
import { releaseFinalizer } from './proxy-writes.js';
import type { RendererContext } from './renderer-context.js';
import type { ReconcileResult } from './renderer-metrics.js';

/** A name nothing could have been made under (no valid character in it): nothing to remove. */
function envoyNameOf(proxy: ProxySource): string | undefined {
  try {
    return envoyObjectName(proxy);
  } catch (err) {
    if (err instanceof InvalidNameError) return undefined;
    throw err;
  }
}

function read(
  ctx: RendererContext,
  kind: EnvoyObjectKind,
  ref: ObjectRef,
): Promise<V1Deployment | V1ConfigMap | undefined> {
  return kind === 'Deployment' ? ctx.envoy.getDeployment(ref) : ctx.envoy.getConfigMap(ref);
}

/** Deletes the object if it is ours; throws (to be retried) while it still exists. */
async function remove(
  ctx: RendererContext,
  object: ProxyObject,
  kind: EnvoyObjectKind,
  ref: ObjectRef,
): Promise<void> {
  const proxy = proxySourceOf(object);
  const existing = await read(ctx, kind, ref);
  const uid = existing?.metadata?.uid;
  if (!uid || ownershipOf(existing, proxy, { kind, name: ref.name }).kind !== 'ours') return;
  if ((await ctx.envoy.delete(kind, ref, uid)) && kind === 'Deployment') {
    ctx.metrics.deployments.inc({ action: 'deleted' });
    ctx.emit(object, {
      type: 'Normal',
      reason: 'EnvoyDeploymentDeleted',
      message: `Deleted Deployment ${ref.name}; its pods follow.`,
    });
  }
  const after = await read(ctx, kind, ref);
  if (after?.metadata?.uid === uid) {
    // Someone else's finalizer (e.g. a foreground deletion) holds it: retry later.
    throw new Error(
      `${kind} ${ref.namespace}/${ref.name} is still being deleted; ${describeProxy(proxy)} keeps its finalizer until it is gone`,
    );
  }
}

/**
 * Deletes the proxy's Deployment and ConfigMap if they are ours; throws (to be retried) while
 * either still exists.
 */
export async function removeEnvoy(ctx: RendererContext, object: ProxyObject): Promise<void> {
  const name = envoyNameOf(proxySourceOf(object));
  if (name === undefined) return;
  const ref = { namespace: object.metadata.namespace ?? '', name };
  await remove(ctx, object, 'Deployment', ref);
  await remove(ctx, object, 'ConfigMap', ref);
}

export async function reconcileDelete(
  ctx: RendererContext,
  object: ProxyObject,
  log: Logger,
): Promise<ReconcileResult> {
  if (!holdsEnvoyFinalizer(object)) return 'gone';
  await removeEnvoy(ctx, object);
  // Only now: a crash before this line keeps the finalizer, and the next run finds nothing
  // left to delete and lets the proxy go.
  if (await releaseFinalizer(ctx.proxies[object.kind], object)) {
    log.info('Envoy removed, finalizer released');
  }
  return 'released';
}
