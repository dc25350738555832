// What `--down` removes besides the processes: the webhooks (first, so nothing blocks the
// deletions), the account namespace with everything in it (while the apps still run, so their
// finalizers are released by the apps themselves), the ServicePrefix and the node, and the
// demo's topics, consumer groups, Redis keys and (isolated runs) its ingest Lease.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CoordinationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
  type KubeConfig,
} from '@kubernetes/client-node';
import { Redis } from 'ioredis';
import { apiGroup, coreNamespace, epicKinds, servicePrefixKind } from '@epic/model';
import { deleteNamespace, EpicObjects, isApiError } from '@epic/kube';
import { createKafka, deleteConsumerGroupsWithPrefix, deleteTopicsWithPrefix } from '@epic/kafka';
import type { Logger } from '@epic/logging';
import type { DemoPlan } from './demo-plan.js';
import { redisKeyPatterns } from './redis-keys.js';
import type { Say } from './world.js';

const ignoreMissing = (err: unknown) => {
  if (!isApiError(err, 404)) throw err;
};

async function namespaceGone(core: CoreV1Api, name: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await core.readNamespace({ name });
    } catch (err) {
      if (isApiError(err, 404)) return true;
      throw err;
    }
    await sleep(500);
  }
  return false;
}

/**
 * Last resort when the namespace hangs (an app that should release a finalizer is not
 * running, or no app owns it): drop the finalizers of the EPIC objects left in it. Returns
 * `<Kind>/<name>: <finalizers>` for each object changed.
 */
async function dropFinalizers(kc: KubeConfig, namespace: string): Promise<string[]> {
  const api = kc.makeApiClient(CustomObjectsApi);
  const dropped: string[] = [];
  for (const kind of epicKinds) {
    const base = { group: apiGroup, version: 'v1', plural: kind.plural, namespace };
    const list = (await api.listNamespacedCustomObject(base)) as {
      items?: { metadata?: { name?: string; finalizers?: string[] } }[];
    };
    for (const item of list.items ?? []) {
      const name = item.metadata?.name;
      const finalizers = item.metadata?.finalizers ?? [];
      if (!name || finalizers.length === 0) continue;
      const body = [{ op: 'remove', path: '/metadata/finalizers' }];
      await api
        .patchNamespacedCustomObject(
          { ...base, name, body },
          setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
        )
        .catch(ignoreMissing);
      dropped.push(`${kind.kind}/${name}: ${finalizers.join(', ')}`);
    }
  }
  return dropped;
}

/**
 * Deletes the account namespace and waits for it to go; after `graceSeconds` the finalizers
 * still held are dropped (and named), so a teardown never hangs.
 */
export async function removeNamespace(
  kc: KubeConfig,
  plan: DemoPlan,
  options: { say: Say; graceSeconds: number },
) {
  const { say, graceSeconds } = options;
  const core = kc.makeApiClient(CoreV1Api);
  const started = Date.now();
  await deleteNamespace(kc, plan.namespace);
  say(`  deleting Namespace ${plan.namespace} (and everything in it)`);
  if (await namespaceGone(core, plan.namespace, graceSeconds * 1000)) {
    say(`  Namespace ${plan.namespace} gone in ${Math.round((Date.now() - started) / 1000)} s`);
    return;
  }
  const dropped = await dropFinalizers(kc, plan.namespace);
  say(
    `  Namespace ${plan.namespace} still there after ${graceSeconds} s; finalizers nobody released, removed:`,
  );
  for (const line of dropped) say(`    ${line}`);
  if (!(await namespaceGone(core, plan.namespace, 30_000))) {
    say(`  Namespace ${plan.namespace} is still Terminating: kubectl get all -n ${plan.namespace}`);
  }
}

export async function removeClusterObjects(kc: KubeConfig, plan: DemoPlan, say: Say) {
  await new EpicObjects(kc, servicePrefixKind)
    .delete({ namespace: coreNamespace, name: plan.servicePrefix })
    .catch(ignoreMissing);
  say(`  deleted ServicePrefix ${coreNamespace}/${plan.servicePrefix}`);
  await kc.makeApiClient(CoreV1Api).deleteNode({ name: plan.node.name }).catch(ignoreMissing);
  say(`  deleted Node ${plan.node.name}`);
  if (plan.runLabel) {
    await kc
      .makeApiClient(CoordinationV1Api)
      .deleteNamespacedLease({ namespace: coreNamespace, name: plan.ingestLease })
      .catch(ignoreMissing);
  }
}

export async function removeTopics(args: { brokers: string[]; prefix: string; logger: Logger }) {
  const kafka = createKafka({ brokers: args.brokers, clientId: 'epic-demo', logger: args.logger });
  const topics = await deleteTopicsWithPrefix({ kafka, prefix: args.prefix, log: args.logger });
  const groups = await deleteConsumerGroupsWithPrefix({
    kafka,
    prefix: args.prefix,
    log: args.logger,
  });
  return { topics: topics.length, groups: groups.length };
}

async function unlinkMatching(redis: Redis, match: string): Promise<number> {
  let removed = 0;
  for await (const keys of redis.scanStream({ match, count: 500 }) as AsyncIterable<string[]>) {
    if (keys.length > 0) removed += await redis.unlink(...keys);
  }
  return removed;
}

export async function removeRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  let removed = 0;
  try {
    for (const match of redisKeyPatterns(prefix)) removed += await unlinkMatching(redis, match);
  } finally {
    await redis.quit();
  }
  return removed;
}
