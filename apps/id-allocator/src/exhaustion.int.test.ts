// Exhaustion of the 16-bit service-ID space on the real apiserver: a clear condition and a
// Warning Event on the LoadBalancer, never a wrap-around; a batch that does not fit whole
// still serves the LBs that do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { accountKind, findCondition, loadBalancerKind } from '@epic/model';
import { EpicObjects, EventRecorder, loadKubeConfig, type KubeEvent } from '@epic/kube';
import { createTestAccountNamespace } from '@epic/testing';
import { eventually } from '@epic/ingest-pipeline/testing';
import { createAllocatorMetrics } from './allocator-metrics.js';
import { IdAllocator } from './id-allocator.js';
import { testClaimLocks } from './test-harness.js';

let kc: KubeConfig;
let ns: Awaited<ReturnType<typeof createTestAccountNamespace>>;
let accounts: EpicObjects<typeof accountKind>;
let lbs: EpicObjects<typeof loadBalancerKind>;
const emitted: KubeEvent[] = [];
let allocator: IdAllocator;

let claimLocks: Awaited<ReturnType<typeof testClaimLocks>> | undefined;

beforeAll(async () => {
  kc = loadKubeConfig(process.env.KUBECONFIG);
  ns = await createTestAccountNamespace(kc, 'idx');
  accounts = new EpicObjects(kc, accountKind);
  lbs = new EpicObjects(kc, loadBalancerKind);
  const recorder = new EventRecorder(kc, 'id-allocator-test', (err) => {
    throw err;
  });
  claimLocks = await testClaimLocks();
  allocator = new IdAllocator({
    locks: claimLocks.locks,
    kc,
    metrics: createAllocatorMetrics(),
    emit: (object, event) => {
      emitted.push(event);
      void recorder.record(object, event);
    },
  });
  const account = await accounts.create({
    apiVersion: 'epic.acnodal.io/v1',
    kind: 'Account',
    metadata: { namespace: ns.namespace, name: ns.account },
    spec: { 'group-id': 9 }, // not under test here
  });
  await accounts.replaceStatus({ ...account, status: { 'current-service-id': 65533 } });
}, 60_000);

afterAll(async () => {
  await ns?.remove();
  await claimLocks?.close();
});

const createLb = (name: string) =>
  lbs.create({
    apiVersion: 'epic.acnodal.io/v1',
    kind: 'LoadBalancer',
    metadata: { namespace: ns.namespace, name },
    spec: { 'service-group': 'sample', 'public-ports': [{ port: 80, protocol: 'TCP' }] },
  });

describe('an account whose service-ID counter nears 65535', () => {
  it(
    'serves what fits of a burst and refuses the rest with a clear condition',
    { timeout: 60_000 },
    async () => {
      await Promise.all(['a', 'b', 'c'].map(createLb));
      await Promise.all(
        ['a', 'b', 'c'].map((name) =>
          allocator.ensureLoadBalancerIds({ namespace: ns.namespace, name }),
        ),
      );

      const after = await Promise.all(
        ['a', 'b', 'c'].map((name) => lbs.get({ namespace: ns.namespace, name })),
      );
      const ids = after.map((lb) => lb.spec['service-id']).filter((id) => id !== undefined);
      expect(ids.sort()).toEqual([65534, 65535]); // oldest first; never 0, 1 or a wrapped value
      const refused = after.filter((lb) => lb.spec['service-id'] === undefined);
      expect(refused).toHaveLength(1);
      const condition = findCondition(refused[0]?.status?.conditions, 'IdsAllocated');
      expect(condition).toMatchObject({ status: 'False', reason: 'ServiceIdsExhausted' });
      expect(condition?.message).toMatch(
        /^Account ".+" needs 1 service ID but only 0 of 65535 remain \(status\.current-service-id is 65535\)\. IDs are never reused or wrapped around; create the LoadBalancer in another account\.$/,
      );
      const account = await accounts.get({ namespace: ns.namespace, name: ns.account });
      expect(account.status?.['current-service-id']).toBe(65535);
    },
  );

  it(
    'the next LB gets the same clear error, as a Warning Event once, however often it is retried',
    { timeout: 60_000 },
    async () => {
      await createLb('d');
      const ref = { namespace: ns.namespace, name: 'd' };
      for (let i = 0; i < 3; i++) await allocator.ensureLoadBalancerIds(ref);
      const lb = await lbs.get(ref);
      expect(lb.spec['service-id']).toBeUndefined();
      expect(findCondition(lb.status?.conditions, 'IdsAllocated')?.reason).toBe(
        'ServiceIdsExhausted',
      );
      const warnings = await eventually('the Warning Event on the LoadBalancer', async () => {
        const list = await kc.makeApiClient(CoreV1Api).listNamespacedEvent({
          namespace: ns.namespace,
          fieldSelector: 'involvedObject.name=d',
        });
        return list.items.length > 0 ? list.items : undefined;
      });
      expect(warnings.map((e) => [e.type, e.reason])).toEqual([['Warning', 'ServiceIdsExhausted']]);
      expect(warnings[0]?.message).toContain('only 0 of 65535 remain');
    },
  );
});
