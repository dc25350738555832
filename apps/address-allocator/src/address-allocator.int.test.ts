// Public addresses end to end on the real stack: ingest -> Kafka -> 4 address-allocator
// replicas (one consumer group) -> ServicePrefix status and LoadBalancer / GWProxy spec. A
// dry-run create claims nothing; a requested address is granted only when free; a claim whose
// owner is gone is reclaimed; an IPv6 proxy also gets an alt address; a /24 holds 254 and the
// 255th is told "pool exhausted"; a freed address is reused; 1,000 LoadBalancers created at
// once all get distinct addresses of their pool.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { parseAddress } from '@epic/address-pool';
import { EpicObjects, isApiError, loadKubeConfig } from '@epic/kube';
import { findCondition, gwProxyKind, type LoadBalancer } from '@epic/model';
import { counterValue } from '@epic/worker-runtime';
import { addressConditionType, publicAddressFinalizer } from './owners.js';
import { allocatorWorld, poll } from './test-harness.js';

let kc: KubeConfig;
let world: Awaited<ReturnType<typeof allocatorWorld>>;

beforeAll(async () => {
  kc = loadKubeConfig(process.env.KUBECONFIG);
  world = await allocatorWorld(kc, {
    dry: { pool: '10.202.0.0/28', subnet: '10.202.0.0/24' },
    small: { pool: '10.201.0.0/24', subnet: '10.201.0.0/24' },
    tiny: { pool: '10.203.0.5/32', subnet: '10.203.0.0/24' },
    v6: {
      pool: '2001:db8:77::/120',
      subnet: '2001:db8:77::/64',
      aggregation: '/128',
      alt: { pool: '10.204.0.2-10.204.0.9', subnet: '10.204.0.0/24', aggregation: '/32' },
    },
    big: { pool: '10.200.0.0/22', subnet: '10.200.0.0/16', aggregation: '/32' },
  });
  await world.startAllocators(4);
}, 180_000);

afterAll(async () => {
  await world?.close();
}, 300_000);

const ref = (name: string) => ({ namespace: world.ns.namespace, name });

async function loadBalancersOf(prefix: string): Promise<LoadBalancer[]> {
  const all = await world.lbs.list(world.ns.namespace);
  return all.filter((lb) => lb.metadata.name?.startsWith(prefix));
}

function allAddressed(lbs: LoadBalancer[], count: number): LoadBalancer[] | undefined {
  const done = lbs.filter(
    (lb) => findCondition(lb.status?.conditions, addressConditionType)?.status === 'True',
  );
  return lbs.length === count && done.length === count ? lbs : undefined;
}

function value(address: string | undefined): bigint {
  return parseAddress(address ?? '')?.value ?? -1n;
}

function expectDistinctInside(lbs: LoadBalancer[], first: string, last: string): void {
  const addresses = lbs.map((lb) => lb.spec['public-address']);
  expect(new Set(addresses).size).toBe(lbs.length);
  for (const address of addresses) {
    expect(value(address) >= value(first) && value(address) <= value(last), `${address}`).toBe(
      true,
    );
  }
  for (const lb of lbs) expect(lb.metadata.finalizers).toContain(publicAddressFinalizer);
}

async function expectClaims(group: string, lbs: LoadBalancer[]): Promise<void> {
  const claims = (await world.prefixOf(group)).status?.allocations ?? {};
  expect(Object.keys(claims)).toHaveLength(lbs.length);
  for (const lb of lbs) {
    const claim = claims[lb.spec['public-address'] ?? ''];
    expect(
      claim?.owners.map((o) => o.uid),
      lb.metadata.name,
    ).toEqual([lb.metadata.uid]);
  }
}

describe('address-allocator', () => {
  it('a dry-run create allocates nothing', async () => {
    await world.lbs.create(world.loadBalancer('dry-run', 'dry'), { dryRun: true });
    await world.lbs.create(world.loadBalancer('dry-marker', 'dry'));
    const marker = await poll(
      'the marker LoadBalancer allocated',
      async () => allAddressed(await loadBalancersOf('dry-marker'), 1)?.[0],
      60_000,
    );
    // Had the dry run claimed anything, the first address would be taken.
    expect(marker.spec['public-address']).toBe('10.202.0.1');
    await expectClaims('dry', [marker]);
    const dry = await world.lbs.get(ref('dry-run')).catch((err: unknown) => err);
    expect(isApiError(dry, 404)).toBe(true);
  });

  it('a requested address held by another is refused with a reason, a condition and an Event', async () => {
    await world.lbs.create(
      world.loadBalancer('wants-taken', 'dry', { 'public-address': '10.202.0.1' }),
    );
    const refused = await poll('the request refused', async () => {
      const lb = await world.lbs.get(ref('wants-taken'));
      const condition = findCondition(lb.status?.conditions, addressConditionType);
      return condition?.status === 'False' ? condition : undefined;
    });
    expect(refused.reason).toBe('AddressUnavailable');
    expect(refused.message).toBe(
      `10.202.0.1 is already in use in ServicePrefix "${world.prefixNames.dry}" public-pool and not shared. ` +
        'Set spec.public-address to a free address of the pool, or remove it to get one.',
    );
    await poll('an AddressUnavailable Event', async () => {
      const list = await kc.makeApiClient(CoreV1Api).listNamespacedEvent({
        namespace: world.ns.namespace,
        fieldSelector: 'involvedObject.name=wants-taken,reason=AddressUnavailable',
      });
      return list.items[0];
    });
    await world.lbs.create(
      world.loadBalancer('wants-free', 'dry', { 'public-address': '10.202.0.9' }),
    );
    const granted = await poll(
      'the free request granted',
      async () => allAddressed(await loadBalancersOf('wants-free'), 1)?.[0],
    );
    expect(granted.spec['public-address']).toBe('10.202.0.9');
  });

  it('a claim whose owner is gone (a crash, a finalizer removed by hand) is reclaimed', async () => {
    const sp = await world.prefixOf('tiny');
    const ghost = {
      kind: 'LoadBalancer' as const,
      namespace: world.ns.namespace,
      name: 'ghost',
      uid: 'uid-of-an-object-long-gone',
    };
    await world.prefixes.replaceStatus({
      ...sp,
      status: { allocations: { '10.203.0.5': { owners: [ghost] } } },
    });
    await world.lbs.create(world.loadBalancer('tiny-0', 'tiny'));
    const lb = await poll(
      'the reclaimed address allocated',
      async () => allAddressed(await loadBalancersOf('tiny-0'), 1)?.[0],
    );
    expect(lb.spec['public-address']).toBe('10.203.0.5');
    await expectClaims('tiny', [lb]);
  });

  it('an IPv6 GWProxy gets its public address and an IPv4 alt address; deletion frees both', async () => {
    const proxies = new EpicObjects(kc, gwProxyKind);
    await proxies.create({
      apiVersion: 'epic.acnodal.io/v1',
      kind: 'GWProxy',
      metadata: { namespace: world.ns.namespace, name: 'gw' },
      spec: { 'service-group': 'v6', 'public-ports': [{ port: 443, protocol: 'TCP' }] },
    });
    const proxy = await poll('the proxy allocated', async () => {
      const gw = await proxies.get(ref('gw'));
      const condition = findCondition(gw.status?.conditions, addressConditionType);
      return condition?.status === 'True' ? gw : undefined;
    });
    expect(proxy.spec['public-address']).toBe('2001:db8:77::1');
    expect(proxy.spec['alt-address']).toBe('10.204.0.2');
    expect(proxy.metadata.labels?.['epic.acnodal.io/owning-serviceprefix']).toBe(
      world.prefixNames.v6,
    );
    const status = (await world.prefixOf('v6')).status;
    expect(Object.keys(status?.allocations ?? {})).toEqual(['2001:db8:77::1']);
    expect(Object.keys(status?.['alt-allocations'] ?? {})).toEqual(['10.204.0.2']);
    await proxies.delete(ref('gw'));
    await poll('the proxy gone and both addresses free', async () => {
      const gone = await proxies.get(ref('gw')).catch((err: unknown) => err);
      const after = (await world.prefixOf('v6')).status;
      return isApiError(gone, 404) && !after?.allocations && !after?.['alt-allocations']
        ? true
        : undefined;
    });
  });

  it(
    'a /24 holds 254; the 255th is refused with "pool exhausted"; a freed address is reused',
    { timeout: 240_000 },
    async () => {
      const names = Array.from({ length: 254 }, (_, i) => `small-${i}`);
      await world.createLoadBalancers(names, 'small');
      const full = await poll(
        '254 LoadBalancers with addresses',
        async () => allAddressed(await loadBalancersOf('small-'), 254),
        150_000,
        2_000,
      );
      expectDistinctInside(full, '10.201.0.1', '10.201.0.254');
      await expectClaims('small', full);

      await world.lbs.create(world.loadBalancer('overflow', 'small'));
      const refused = await poll(
        'the 255th refused',
        async () => {
          const lb = await world.lbs.get(ref('overflow'));
          const condition = findCondition(lb.status?.conditions, addressConditionType);
          return condition?.status === 'False' ? { lb, condition } : undefined;
        },
        60_000,
      );
      expect(refused.condition.reason).toBe('PoolExhausted');
      expect(refused.condition.message).toMatch(/^Pool exhausted: /);
      expect(refused.condition.message).toContain(
        `ServicePrefix "${world.prefixNames.small}" public-pool (pool 10.201.0.0/24) has 254 addresses and all are in use`,
      );
      expect(refused.lb.spec['public-address']).toBeUndefined();
      const events = await poll('a PoolExhausted Event', async () => {
        const list = await kc.makeApiClient(CoreV1Api).listNamespacedEvent({
          namespace: world.ns.namespace,
          fieldSelector: 'involvedObject.name=overflow,reason=PoolExhausted',
        });
        return list.items.length > 0 ? list.items : undefined;
      });
      expect(events[0]?.type).toBe('Warning');

      // The refused one leaves first, so the freed address has exactly one taker: the new LB.
      await world.lbs.delete(ref('overflow'));
      const victim = full.find((lb) => lb.metadata.name === 'small-100');
      const freed = victim?.spec['public-address'];
      await world.lbs.delete(ref('small-100'));
      await poll(
        'small-100 gone and its address free',
        async () => {
          const gone = await world.lbs.get(ref('small-100')).catch((err: unknown) => err);
          const claims = (await world.prefixOf('small')).status?.allocations ?? {};
          return isApiError(gone, 404) && !((freed ?? '') in claims) ? true : undefined;
        },
        60_000,
      );
      await world.lbs.create(world.loadBalancer('small-new', 'small'));
      const reused = await poll(
        'the new LoadBalancer allocated',
        async () => allAddressed(await loadBalancersOf('small-new'), 1)?.[0],
        60_000,
      );
      expect(reused.spec['public-address']).toBe(freed);
    },
  );

  it(
    '1,000 LoadBalancers created at once, 4 allocators: each its own address in the pool',
    { timeout: 300_000 },
    async () => {
      const started = Date.now();
      const names = Array.from({ length: 1000 }, (_, i) => `big-${String(i).padStart(4, '0')}`);
      await world.createLoadBalancers(names, 'big');
      const created = Date.now();
      const all = await poll(
        '1,000 LoadBalancers with addresses',
        async () => allAddressed(await loadBalancersOf('big-'), 1000),
        240_000,
        3_000,
      );
      const done = Date.now();
      expectDistinctInside(all, '10.200.0.1', '10.200.3.254');
      await expectClaims('big', all);
      const labels = { service_prefix: world.prefixNames.big ?? '', pool: 'public' };
      const perReplica = await Promise.all(
        world.workers.map((w) => counterValue(allocationsCounter(w.registry), labels)),
      );
      expect(perReplica.reduce((a, b) => a + b, 0)).toBe(1000);
      const sp = { service_prefix: world.prefixNames.big ?? '' };
      const writes = await sumOver('epic_address_record_writes_total', sp);
      const conflicts = await sumOver('epic_address_conflicts_total', sp);
      console.info(
        `1,000 LBs: created in ${created - started} ms, all addressed after ${done - started} ms; ` +
          `allocations per replica ${perReplica.join('/')}; ServicePrefix writes ${writes}, ` +
          `conflicts ${conflicts}`,
      );
    },
  );
});

async function sumOver(name: string, labels: Record<string, string>): Promise<number> {
  const values = await Promise.all(
    world.workers.map((w) => {
      const metric = w.registry.getSingleMetric(name);
      return metric
        ? counterValue(metric as Parameters<typeof counterValue>[0], labels)
        : Promise.resolve(0);
    }),
  );
  return values.reduce((a, b) => a + b, 0);
}

function allocationsCounter(registry: (typeof world.workers)[number]['registry']) {
  const metric = registry.getSingleMetric('epic_address_allocations_total');
  if (!metric) throw new Error('epic_address_allocations_total is not registered');
  return metric as Parameters<typeof counterValue>[0];
}
