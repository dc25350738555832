// A live proxy, top to bottom: hold our finalizer; decide its Deployment and ConfigMap (pure,
// @epic/envoy-deployment); refuse with a condition when it can have none; never touch objects
// of that name that are not ours; apply the ConfigMap, then the Deployment (its pods mount the
// ConfigMap); undo that if the proxy was deleted meanwhile; count its pods into ProxyReady.
import type { V1ConfigMap, V1Deployment } from '@kubernetes/client-node';
import {
  isRefusalReason,
  labelSelectorText,
  ownershipOf,
  planEnvoyDeployment,
  proxyReadyCondition,
  proxySourceOf,
  refusedCondition,
  selectorLabels,
  type EnvoyPlan,
  type ProxySource,
  type Refusal,
} from '@epic/envoy-deployment';
import type { Logger } from '@epic/logging';
import type { ConditionUpdate } from '@epic/model';
import { refOf, type ProxyObject } from './proxies.js';
import { reconcileDelete, removeEnvoy } from './reconcile-delete.js';
import { holdFinalizer, writeCondition } from './proxy-writes.js';
import type { RendererContext } from './renderer-context.js';
import type { ReconcileResult } from './renderer-metrics.js';
import { orAbsent } from '@epic/kube';

type Deploy = Extract<EnvoyPlan, { ok: true }>;

async function readGroup(ctx: RendererContext, proxy: ProxySource) {
  if (!proxy.serviceGroup) return undefined;
  return orAbsent(ctx.groups.get({ namespace: proxy.namespace, name: proxy.serviceGroup }));
}

/** Sets ProxyReady; a refusal that is news is also a Warning Event on the proxy. */
async function report(
  ctx: RendererContext,
  object: ProxyObject,
  condition: ConditionUpdate,
  log: Logger,
): Promise<void> {
  const store = ctx.proxies[object.kind];
  const changed = await writeCondition(store, object, condition, ctx.now());
  if (!changed) return;
  log.info({ status: condition.status, reason: condition.reason }, 'ProxyReady changed');
  if (condition.status === 'False' && isRefusalReason(condition.reason)) {
    ctx.emit(object, { type: 'Warning', reason: condition.reason, message: condition.message });
  }
}

/** The first of the two objects that exists and is not ours, as a refusal. */
function conflictOf(
  proxy: ProxySource,
  name: string,
  existing: { deployment?: V1Deployment; configMap?: V1ConfigMap },
): Refusal | undefined {
  for (const [kind, object] of [
    ['Deployment', existing.deployment],
    ['ConfigMap', existing.configMap],
  ] as const) {
    const owner = ownershipOf(object, proxy, { kind, name });
    if (owner.kind === 'foreign') return owner.refusal;
  }
  return undefined;
}

/**
 * Counts what the apply did. The generation moves only when the spec changed (replicas, image,
 * pod template): status updates by the Deployment controller between our read and the apply
 * do not make it an update.
 */
function recordApply(
  ctx: RendererContext,
  object: ProxyObject,
  plan: Deploy,
  change: { before: V1Deployment | undefined; after: V1Deployment },
): void {
  const { before, after } = change;
  const what = `Deployment ${plan.name}: ${plan.replicas === 1 ? '1 replica' : `${plan.replicas} replicas`} of ${plan.image}.`;
  if (!before) {
    ctx.metrics.deployments.inc({ action: 'created' });
    ctx.emit(object, {
      type: 'Normal',
      reason: 'EnvoyDeploymentCreated',
      message: `Created ${what}`,
    });
  } else if (before.metadata?.generation !== after.metadata?.generation) {
    ctx.metrics.deployments.inc({ action: 'updated' });
    ctx.emit(object, {
      type: 'Normal',
      reason: 'EnvoyDeploymentUpdated',
      message: `Updated ${what}`,
    });
  }
}

async function deploy(
  ctx: RendererContext,
  object: ProxyObject,
  plan: Deploy,
  log: Logger,
): Promise<ReconcileResult> {
  const proxy = proxySourceOf(object);
  const ref = { namespace: proxy.namespace, name: plan.name };
  const [deployment, configMap] = await Promise.all([
    ctx.envoy.getDeployment(ref),
    ctx.envoy.getConfigMap(ref),
  ]);
  const conflict = conflictOf(proxy, plan.name, { deployment, configMap });
  if (conflict) {
    await report(ctx, object, refusedCondition(proxy, conflict), log);
    return 'conflict';
  }
  await ctx.envoy.apply(plan.configMap);
  const written = await ctx.envoy.apply<V1Deployment>(plan.deployment);
  recordApply(ctx, object, plan, { before: deployment, after: written });
  if (await deletedMeanwhile(ctx, object)) {
    await removeEnvoy(ctx, object);
    return 'gone';
  }
  const pods = await ctx.envoy.listPods(proxy.namespace, labelSelectorText(selectorLabels(proxy)));
  const condition = proxyReadyCondition({
    proxy,
    deploymentName: plan.name,
    desiredReplicas: plan.replicas,
    podHash: plan.podHash,
    pods,
  });
  await report(ctx, object, condition, log);
  return 'applied';
}

/**
 * Whether the proxy was deleted (or replaced) while we applied. Another replica may have run
 * its whole cleanup between our read and our apply; what we just made must not outlive it.
 */
async function deletedMeanwhile(ctx: RendererContext, object: ProxyObject): Promise<boolean> {
  const now = await orAbsent(ctx.proxies[object.kind].get(refOf(object)));
  return (
    now === undefined ||
    now.metadata.uid !== object.metadata.uid ||
    now.metadata.deletionTimestamp !== undefined
  );
}

export async function reconcileNormal(
  ctx: RendererContext,
  found: ProxyObject,
  log: Logger,
  defaultImage?: string,
): Promise<ReconcileResult> {
  const object = await holdFinalizer(ctx.proxies[found.kind], found);
  if (!object) return 'gone';
  if (object.metadata.deletionTimestamp !== undefined) return reconcileDelete(ctx, object, log);
  const proxy = proxySourceOf(object);
  const plan = planEnvoyDeployment({
    proxy,
    group: await readGroup(ctx, proxy),
    defaultImage: defaultImage ?? (await ctx.defaultImage()),
    settings: ctx.settings,
  });
  if (!plan.ok) {
    await report(ctx, object, refusedCondition(proxy, plan), log);
    return 'refused';
  }
  return deploy(ctx, object, plan, log);
}
