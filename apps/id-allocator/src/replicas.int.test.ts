// Issue 4's scale story on the real stack: 4 id-allocator processes, every event delivered
// twice, 2,000 LoadBalancers (2 client nodes each) across 20 accounts, one replica killed -9
// and restarted again and again while they work. Afterwards: every service ID unique in its
// account, every tunnel ID unique, every group ID unique, and nothing left without its IDs.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { KubeConfig } from '@kubernetes/client-node';
import {
  accountKind,
  coreNamespace,
  epicKind,
  epicSingletonName,
  loadBalancerKind,
  owningLoadBalancerLabel,
  remoteEndpointKind,
  type LoadBalancer,
} from '@epic/model';
import { apiErrorCode, EpicObjects, loadKubeConfig, forEachLimit } from '@epic/kube';
import { createTestAccountNamespace } from '@epic/testing';
import { eventually } from '@epic/ingest-pipeline/testing';
import { AllocatorProcesses, duplicatingBus } from './test-harness.js';

// The figures; smaller only for a quick local look (EPIC_IDS_SCALE=0.1).
const scale = Number(process.env.EPIC_IDS_SCALE ?? 1);
const accountCount = Math.max(2, Math.round(20 * scale));
const lbsPerAccount = Math.max(5, Math.round(100 * scale));
const nodesPerLb = 2;

let kc: KubeConfig;
let namespaces: Awaited<ReturnType<typeof createTestAccountNamespace>>[] = [];
let bus: Awaited<ReturnType<typeof duplicatingBus>> | undefined;
let replicas: AllocatorProcesses | undefined;

beforeAll(async () => {
  kc = loadKubeConfig(process.env.KUBECONFIG);
  await new EpicObjects(kc, epicKind)
    .create({
      apiVersion: 'epic.acnodal.io/v1',
      kind: 'EPIC',
      metadata: { namespace: coreNamespace, name: epicSingletonName },
      spec: {},
    })
    .catch((err: unknown) => {
      if (apiErrorCode(err) !== 409) throw err; // shared singleton, made by another test first
    });
  namespaces = await Promise.all(
    Array.from({ length: accountCount }, () => createTestAccountNamespace(kc, 'idr')),
  );
  // Resync is the safety net, not the mechanism (killed replicas' jobs come back by BullMQ's
  // stalled-job check): every resync re-delivers all 6,000 objects twice, which on 2 busy
  // cores would pile up faster than it drains, so it runs at ingest's production default.
  const ours = new Set(namespaces.map((ns) => ns.namespace));
  bus = await duplicatingBus(
    kc,
    600_000,
    (namespace) => namespace !== undefined && ours.has(namespace),
  );
  replicas = new AllocatorProcesses({
    EPIC_TOPIC_PREFIX: bus.outPrefix,
    // The stack is shared: these replicas serve only this test's namespaces.
    EPIC_ID_NAMESPACES: namespaces.map((ns) => ns.namespace).join(','),
    KUBECONFIG: process.env.KUBECONFIG ?? '',
  });
  await replicas.start(4);
}, 180_000);

afterAll(async () => {
  await replicas?.stopAll();
  await bus?.close();
  await Promise.all(namespaces.map((ns) => ns.remove()));
}, 180_000);

it(
  '4 replicas, every event twice, kill -9 while working: 2,000 LBs get unique IDs',
  { timeout: 1_500_000 },
  async () => {
    await createWorld();
    const lbs = new EpicObjects(kc, loadBalancerKind);
    let done = false;
    const killing = (async () => {
      // A replica dies every 8 s while the others work; bounded, and it stops when all is done.
      for (let round = 0; round < 8 && !done; round++) {
        await new Promise((resolve) => setTimeout(resolve, 8_000));
        if (!done) await replicas?.killAndRestart(round % 4);
      }
    })();
    let all: LoadBalancer[] = [];
    let progress = 0;
    const started = Date.now();
    try {
      all = await eventually(
        'every LoadBalancer holds a service ID and a tunnel ID per client node',
        async () => {
          const listed = await listAll(lbs).catch((err: unknown) => {
            if (apiErrorCode(err) === 429) return undefined; // the shared apiserver is busy: poll again
            throw err;
          });
          if (listed === undefined) return undefined;
          progress = listed.filter(holdsAllIds).length;
          return listed.length === accountCount * lbsPerAccount && progress === listed.length
            ? listed
            : undefined;
        },
        900_000,
      );
    } catch (err) {
      throw new Error(
        `${(err as Error).message} (${progress} of ${accountCount * lbsPerAccount} done)\n` +
          `replica output:\n${replicas?.tail()}`,
      );
    } finally {
      done = true;
      await killing;
    }
    const figures = await replicas?.metrics([
      'epic_ids_allocated_total',
      'epic_ids_leaked_total',
      'epic_id_claims_total',
      'epic_id_claim_conflicts_total',
      'epic_id_claim_batch_size_sum',
      'epic_id_claim_batch_size_count',
    ]);
    console.info(
      `id-allocator at scale: ${all.length} LBs in ${Math.round((Date.now() - started) / 1000)} s ` +
        `after creation, ${replicas?.kills} kill -9, ${bus?.relayed()} events relayed; ` +
        `live replicas' metrics: ${JSON.stringify(figures)}`,
    );
    expect(replicas?.kills).toBeGreaterThan(0);
    expectServiceIdsUniquePerAccount(all);
    await expectTunnelIdsUniqueAndClaimed(all);
    await expectGroupIdsUnique();
  },
);

async function createWorld(): Promise<void> {
  const accounts = new EpicObjects(kc, accountKind);
  await Promise.all(
    namespaces.map((ns) =>
      accounts.create({
        apiVersion: 'epic.acnodal.io/v1',
        kind: 'Account',
        metadata: { namespace: ns.namespace, name: ns.account },
        spec: {},
      }),
    ),
  );
  const lbs = new EpicObjects(kc, loadBalancerKind);
  const endpoints = new EpicObjects(kc, remoteEndpointKind);
  const work = namespaces.flatMap((ns, a) =>
    Array.from({ length: lbsPerAccount }, (_, l) => ({ ns: ns.namespace, a, l })),
  );
  await forEachLimit(work, 24, async ({ ns, a, l }) => {
    const name = `lb-${l}`;
    await lbs.create({
      apiVersion: 'epic.acnodal.io/v1',
      kind: 'LoadBalancer',
      metadata: { namespace: ns, name },
      spec: {
        'service-group': 'sample',
        'public-ports': [{ port: 8080, protocol: 'TCP' }],
      },
    });
    for (let n = 1; n <= nodesPerLb; n++) {
      await endpoints.create({
        apiVersion: 'epic.acnodal.io/v1',
        kind: 'RemoteEndpoint',
        metadata: {
          namespace: ns,
          name: `${name}-ep-${n}`,
          labels: { [owningLoadBalancerLabel]: name },
        },
        spec: {
          cluster: 'client',
          address: `10.244.${l}.${n}`,
          'node-address': `10.${a + 1}.${l}.${n}`,
          port: { port: 8080, protocol: 'TCP' },
        },
      });
    }
  });
}

async function listAll(lbs: EpicObjects<typeof loadBalancerKind>): Promise<LoadBalancer[]> {
  return (await Promise.all(namespaces.map((ns) => lbs.list(ns.namespace)))).flat();
}

function holdsAllIds(lb: LoadBalancer): boolean {
  const tunnels = Object.values(lb.status?.['gue-tunnel-endpoints'] ?? {});
  return (
    (lb.spec['service-id'] ?? 0) > 0 &&
    tunnels.length === nodesPerLb &&
    tunnels.every((t) => (t['tunnel-id'] ?? 0) > 0)
  );
}

function expectServiceIdsUniquePerAccount(all: LoadBalancer[]): void {
  for (const ns of namespaces) {
    const ids = all
      .filter((lb) => lb.metadata.namespace === ns.namespace)
      .map((lb) => lb.spec['service-id']);
    expect(ids).toHaveLength(lbsPerAccount);
    expect(new Set(ids).size).toBe(lbsPerAccount);
  }
}

async function expectTunnelIdsUniqueAndClaimed(all: LoadBalancer[]): Promise<void> {
  const ids = all.flatMap((lb) =>
    Object.values(lb.status?.['gue-tunnel-endpoints'] ?? {}).map((t) => t['tunnel-id'] ?? 0),
  );
  expect(ids).toHaveLength(accountCount * lbsPerAccount * nodesPerLb);
  expect(new Set(ids).size).toBe(ids.length);
  const epic = await new EpicObjects(kc, epicKind).get({
    namespace: coreNamespace,
    name: epicSingletonName,
  });
  // Every ID recorded was handed out by the counter (none invented, none past it).
  expect(Math.max(...ids)).toBeLessThanOrEqual(epic.status?.['current-tunnel-id'] ?? 0);
}

async function expectGroupIdsUnique(): Promise<void> {
  const accounts = new EpicObjects(kc, accountKind);
  const groupIds = await eventually('every Account holds a group ID', async () => {
    const listed = await Promise.all(
      namespaces.map((ns) => accounts.get({ namespace: ns.namespace, name: ns.account })),
    );
    const ids = listed.map((a) => a.spec['group-id'] ?? 0);
    return ids.every((id) => id > 0) ? ids : undefined;
  });
  expect(new Set(groupIds).size).toBe(accountCount);
}
