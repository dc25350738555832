// Test support for address-allocator on the real stack: a world of its own (account namespace,
// topic prefix, ServicePrefixes with unique names, service groups), allocator replicas as
// in-process workers of one consumer group, and a cleanup that leaves nothing behind.
import type { KubeConfig } from '@kubernetes/client-node';
import { consumerGroupId } from '@epic/events';
import { eventBus, startIngest, testLogger } from '@epic/ingest-pipeline/testing';
import { apiErrorCode, EpicObjects, EventRecorder, isApiError, forEachLimit } from '@epic/kube';
import {
  apiVersionV1,
  coreNamespace,
  lbServiceGroupKind,
  loadBalancerKind,
  owningAccountLabel,
  owningServicePrefixLabel,
  servicePrefixKind,
  type AddressPool,
  type LoadBalancer,
  type LoadBalancerInput,
} from '@epic/model';
import { createTestAccountNamespace, eventually, uniqueName } from '@epic/testing';
import { obliterateWorkerQueue, startWorker, type WorkerHandle } from '@epic/worker-runtime';
import { AddressAllocator } from './address-allocator.js';
import { createAllocatorMetrics, registerAllocatorMetrics } from './allocator-metrics.js';
import { scope } from './config.js';
import { ownerStores, refOf, withoutFinalizer, type OwnerStore } from './owners.js';
import { routeEvent, wantsEvent } from './route-event.js';

/**
 * Polls until `probe` answers or the deadline passes. The apiserver is shared: a 429 while
 * another test reinstalls CRDs counts as "not yet". Big lists want a gentle interval.
 */
export function poll<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  intervalMs = 250,
): Promise<T> {
  return eventually(what, probe, {
    timeoutMs,
    intervalMs,
    notYet: (err) => apiErrorCode(err) === 429,
  });
}

export type Pool = Pick<AddressPool, 'pool' | 'subnet'> & Partial<AddressPool>;
/** A ServicePrefix of the test: its public pool, and an alt pool if any. */
export type Prefix = Pool & { alt?: Pool };

/** Namespace, bus, ingest, ServicePrefixes and service groups of one test file. */
export async function allocatorWorld(kc: KubeConfig, pools: Record<string, Prefix>) {
  const ns = await createTestAccountNamespace(kc, 'addr');
  const bus = await eventBus();
  const ingest = await startIngest(kc, bus);
  const prefixes = new EpicObjects(kc, servicePrefixKind);
  const groups = new EpicObjects(kc, lbServiceGroupKind);
  const lbs = new EpicObjects(kc, loadBalancerKind);
  const prefixNames: Record<string, string> = {};
  for (const [group, { alt, ...pool }] of Object.entries(pools)) {
    const name = uniqueName(`addr-${group}`);
    prefixNames[group] = name;
    await prefixes.create({
      apiVersion: apiVersionV1,
      kind: 'ServicePrefix',
      metadata: { namespace: coreNamespace, name },
      spec: { 'public-pool': pool, ...(alt ? { 'alt-pool': alt } : {}) },
    });
    await groups.create({
      apiVersion: apiVersionV1,
      kind: 'LBServiceGroup',
      metadata: {
        namespace: ns.namespace,
        name: group,
        labels: { [owningServicePrefixLabel]: name, [owningAccountLabel]: ns.account },
      },
      spec: { 'envoy-template': { envoyAPI: 'v3', serialization: 'yaml' } },
    });
  }
  const workers: WorkerHandle[] = [];
  const inScope = scope([ns.namespace], Object.values(prefixNames));

  return {
    ns,
    bus,
    lbs,
    prefixes,
    prefixNames,
    workers,

    /** `count` allocator replicas in one consumer group, as separate deployments would be. */
    async startAllocators(count: number): Promise<void> {
      for (let i = 0; i < count; i++) {
        const metrics = createAllocatorMetrics();
        const recorder = new EventRecorder(kc, 'address-allocator', (err) =>
          testLogger.warn({ err }, 'event not recorded'),
        );
        const allocator = new AddressAllocator({
          kc,
          metrics,
          emit: (owner, event) => void recorder.record(owner, event),
        });
        const worker = await startWorker({
          name: `address-allocator-test-${i}`,
          group: 'address-allocator',
          prefix: bus.prefix,
          kafkaBrokers: (process.env.EPIC_KAFKA_BROKERS ?? '').split(','),
          redisUrl: process.env.EPIC_REDIS_URL ?? '',
          httpPort: 0,
          backoffMs: 200,
          concurrency: 64,
          logger: testLogger,
          // The stack is shared: only this test's namespace and ServicePrefixes are ours.
          wants: (event) => wantsEvent(event, inScope),
          handler: (event, ctx) => routeEvent(event, allocator, ctx.log, inScope),
        });
        registerAllocatorMetrics(metrics, worker.registry);
        workers.push(worker);
      }
    },

    loadBalancer(
      name: string,
      group: string,
      fields: Partial<LoadBalancer['spec']> = {},
    ): LoadBalancerInput {
      return {
        apiVersion: apiVersionV1,
        kind: 'LoadBalancer',
        metadata: { namespace: ns.namespace, name },
        spec: {
          'service-group': group,
          'public-ports': [{ port: 80, protocol: 'TCP' as const }],
          ...fields,
        },
      };
    },

    async createLoadBalancers(names: readonly string[], group: string): Promise<void> {
      await forEachLimit(names, 32, (name) => lbs.create(this.loadBalancer(name, group)));
    },

    /** The ServicePrefix of a group, as stored. */
    prefixOf(group: string) {
      return prefixes.get({ namespace: coreNamespace, name: prefixNames[group] ?? '' });
    },

    /**
     * Deletes every LoadBalancer while the allocators still run (their finalizer goes once the
     * release is committed), waits for them to leave, and only then stops the workers; a
     * finalizer still there after the deadline is removed so nothing hangs.
     */
    async close(): Promise<void> {
      const started = Date.now();
      const stores = Object.values(ownerStores(kc));
      const left = (await Promise.all(stores.map((store) => store.list(ns.namespace)))).flat();
      await forEachLimit(stores, 2, (store) =>
        store
          .list(ns.namespace)
          .then((owners) =>
            forEachLimit(owners, 32, (owner) => store.delete(refOf(owner)).catch(() => undefined)),
          ),
      );
      const remaining = async () =>
        (await Promise.all(stores.map((store) => store.list(ns.namespace)))).flat().length;
      await poll(
        'every LoadBalancer and GWProxy gone',
        async () => ((await remaining()) === 0 ? true : undefined),
        180_000,
        2_000,
      ).catch(() => Promise.all(stores.map((store) => stripFinalizers(store, ns.namespace))));
      console.info(
        `cleanup: ${left.length} objects released and gone after ${Date.now() - started} ms`,
      );
      await Promise.all(workers.map((w) => w.stop()));
      await ingest.close();
      await bus.close();
      await obliterateWorkerQueue({
        redisUrl: process.env.EPIC_REDIS_URL ?? '',
        queueName: consumerGroupId('address-allocator', bus.prefix),
      });
      for (const name of Object.values(prefixNames)) {
        await prefixes.delete({ namespace: coreNamespace, name }).catch(() => undefined);
      }
      await ns.remove();
    },
  };
}

/** Last resort after the deadline: nothing of ours may hang the namespace's deletion. */
async function stripFinalizers(store: OwnerStore, namespace: string): Promise<void> {
  for (const owner of await store.list(namespace)) {
    const next = withoutFinalizer(owner);
    if (!next) continue;
    await store.replace(next).catch((err: unknown) => {
      if (!isApiError(err, 404) && !isApiError(err, 409)) throw err;
    });
  }
}
