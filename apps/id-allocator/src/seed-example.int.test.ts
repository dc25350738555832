// The seed's example end to end on the real stack: ingest -> Kafka -> id-allocator (the real
// worker runtime). An Account gets a group ID, its LoadBalancer a service ID, and the LB's two
// client nodes two distinct tunnel IDs from EPIC status.current-tunnel-id, which advanced by 2
// for them. Delivered again (resync), nothing changes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import {
  accountKind,
  type Account,
  coreNamespace,
  epicKind,
  epicSingletonName,
  LoadBalancer,
  loadBalancerKind,
  owningLoadBalancerLabel,
  remoteEndpointKind,
} from '@epic/model';
import { seedLoadBalancer } from '@epic/model/testdata';
import { apiErrorCode, EpicObjects, EventRecorder, loadKubeConfig } from '@epic/kube';
import { createTestAccountNamespace } from '@epic/testing';
import { eventBus, eventually, startIngest, testLogger } from '@epic/ingest-pipeline/testing';
import { startWorker, type WorkerHandle } from '@epic/worker-runtime';
import { createAllocatorMetrics } from './allocator-metrics.js';
import { IdAllocator } from './id-allocator.js';
import { testClaimLocks } from './test-harness.js';
import { routeEvent } from './route-event.js';

let kc: KubeConfig;
let ns: Awaited<ReturnType<typeof createTestAccountNamespace>>;
let bus: Awaited<ReturnType<typeof eventBus>>;
let ingest: Awaited<ReturnType<typeof startIngest>>;
let worker: WorkerHandle;

let claimLocks: Awaited<ReturnType<typeof testClaimLocks>> | undefined;

beforeAll(async () => {
  kc = loadKubeConfig(process.env.KUBECONFIG);
  ns = await createTestAccountNamespace(kc, 'ids');
  bus = await eventBus();
  ingest = await startIngest(kc, bus, 5_000);
  claimLocks = await testClaimLocks();
  const allocator = new IdAllocator({
    locks: claimLocks.locks,
    kc,
    metrics: createAllocatorMetrics(),
    emit: (object, event) =>
      void new EventRecorder(kc, 'id-allocator-test', () => {}).record(object, event),
  });
  worker = await startWorker({
    name: 'id-allocator-test',
    group: 'id-allocator',
    prefix: bus.prefix,
    kafkaBrokers: (process.env.EPIC_KAFKA_BROKERS ?? '').split(','),
    redisUrl: process.env.EPIC_REDIS_URL ?? '',
    httpPort: 0,
    backoffMs: 200,
    logger: testLogger,
    // The stack is shared: only this test's namespace is ours to allocate in.
    handler: (event) => routeEvent(event, allocator, (namespace) => namespace === ns.namespace),
  });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await ingest?.close();
  await bus?.close();
  await ns?.remove();
  await claimLocks?.close();
});

it('allocates the seed example’s IDs, once', { timeout: 120_000 }, async () => {
  const epics = new EpicObjects(kc, epicKind);
  const epicRef = { namespace: coreNamespace, name: epicSingletonName };
  await epics
    .create({ apiVersion: 'epic.acnodal.io/v1', kind: 'EPIC', metadata: epicRef, spec: {} })
    .catch((err: unknown) => {
      if (apiErrorCode(err) !== 409) throw err; // shared singleton, made by another test first
    });
  const tunnelBefore = (await epics.get(epicRef)).status?.['current-tunnel-id'] ?? 0;

  await new EpicObjects(kc, accountKind).create({
    apiVersion: 'epic.acnodal.io/v1',
    kind: 'Account',
    metadata: { namespace: ns.namespace, name: ns.account },
    spec: {},
  });
  const seed = LoadBalancer.parse(seedLoadBalancer);
  const lbRef = { namespace: ns.namespace, name: 'sample-acnodal' };
  const lbs = new EpicObjects(kc, loadBalancerKind);
  const specWithoutId = { ...seed.spec, 'service-id': undefined };
  await lbs.create({ ...seed, metadata: lbRef, spec: specWithoutId, status: undefined });
  const endpoints = new EpicObjects(kc, remoteEndpointKind);
  for (const [i, nodeAddress] of ['192.168.1.16', '192.168.1.25'].entries()) {
    await endpoints.create({
      apiVersion: 'epic.acnodal.io/v1',
      kind: 'RemoteEndpoint',
      metadata: {
        namespace: ns.namespace,
        name: `ep-${i}`,
        labels: { [owningLoadBalancerLabel]: lbRef.name },
      },
      spec: {
        cluster: 'puregw-sample',
        address: `10.244.1.${5 + i}`,
        'node-address': nodeAddress,
        port: { port: 8080, protocol: 'TCP' },
      },
    });
  }

  const done = await eventually(
    'service ID and two tunnel IDs recorded',
    async () => {
      const lb = await lbs.get(lbRef);
      const tunnels = lb.status?.['gue-tunnel-endpoints'] ?? {};
      const ids = ['192.168.1.16', '192.168.1.25'].map((a) => tunnels[a]?.['tunnel-id']);
      return lb.spec['service-id'] && ids.every((id) => id !== undefined) ? { lb, ids } : undefined;
    },
    90_000,
  );
  const account = await eventually('group ID and its condition recorded', async () => {
    const a = await new EpicObjects(kc, accountKind).get({
      namespace: ns.namespace,
      name: ns.account,
    });
    return a.spec['group-id'] && a.status?.conditions?.length ? a : undefined;
  });
  const tunnelAfter = (await epics.get(epicRef)).status?.['current-tunnel-id'] ?? 0;

  expect(done.lb.spec['service-id']).toBe(1); // the account's first service ID
  expect(account.status?.['current-service-id']).toBe(1);
  expect(account.spec['group-id']).toBeGreaterThan(0);
  const [a, b] = done.ids;
  expect(a).not.toBe(b);
  for (const id of done.ids) {
    expect(id).toBeGreaterThan(tunnelBefore);
    expect(id).toBeLessThanOrEqual(tunnelAfter);
  }
  expect(tunnelAfter - tunnelBefore).toBeGreaterThanOrEqual(2); // other tests share the counter

  // Every resync (5 s here) delivers Observed events again: the IDs must not move.
  const relisted = ingest.metrics.relists;
  const before = (await relisted.get()).values.reduce((n, v) => n + v.value, 0);
  await eventually(
    'two more resyncs',
    async () =>
      (await relisted.get()).values.reduce((n, v) => n + v.value, 0) >= before + 22
        ? true
        : undefined,
    60_000,
  );
  const again = await lbs.get(lbRef);
  expect(again.spec['service-id']).toBe(1);
  expect(
    ['192.168.1.16', '192.168.1.25'].map(
      (x) => again.status?.['gue-tunnel-endpoints']?.[x]?.['tunnel-id'],
    ),
  ).toEqual(done.ids);
  expect(
    (await new EpicObjects(kc, accountKind).get({ namespace: ns.namespace, name: ns.account }))
      .status?.['current-service-id'],
  ).toBe(1);

  await expectSaidOnObjects(again, account);
});

/** What was allocated is said on the objects: conditions and Kubernetes Events. */
async function expectSaidOnObjects(lb: LoadBalancer, account: Account): Promise<void> {
  expect(lb.status?.conditions).toContainEqual(
    expect.objectContaining({
      type: 'IdsAllocated',
      status: 'True',
      reason: 'Allocated',
      message: 'Service ID 1 and 2 tunnel IDs for 2 client nodes are allocated.',
    }),
  );
  const events = await eventually('Kubernetes Events recorded', async () => {
    const list = await kc.makeApiClient(CoreV1Api).listNamespacedEvent({
      namespace: ns.namespace,
      fieldSelector: `involvedObject.name=${lb.metadata.name}`,
    });
    const reasons = list.items.map((e) => e.reason).sort();
    return reasons.length >= 2 ? reasons : undefined;
  });
  expect(events).toEqual(['ServiceIdAllocated', 'TunnelIdsAllocated']);
  expect(account.status?.conditions?.[0]).toMatchObject({
    type: 'IdsAllocated',
    status: 'True',
    message: `Group ID ${account.spec['group-id']} is allocated.`,
  });
}
