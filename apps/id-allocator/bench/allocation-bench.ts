// Benchmark (not a test) of the allocation engine against the real apiserver, in one run:
//  - the ceiling: one client's tight Get+Update loop on the EPIC singleton's status;
//  - service IDs/s for 1, 2 and 4 replicas, with and without group commit, a burst of new LBs
//    over 4 accounts, with conflicts and p50/p99 time from dispatch to IDs recorded;
//  - tunnel IDs/s for LBs with 20 client nodes each, with and without group commit.
// Replicas are IdAllocator instances with their own API clients and handler concurrency (32,
// as the worker runs them); events are replaced by direct calls, so the figures are the
// allocator's, not the pipeline's (ingest:bench measures that). Prints a table and writes
// bench-results/id-allocator.json. Needs the local stack (npm run stack:up).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  accountKind,
  coreNamespace,
  epicKind,
  epicSingletonName,
  loadBalancerKind,
  owningLoadBalancerLabel,
  remoteEndpointKind,
} from '@epic/model';
import {
  apiErrorCode,
  deleteNamespace,
  ensureNamespace,
  EpicObjects,
  loadKubeConfig,
  type ObjectRef,
  forEachLimit,
} from '@epic/kube';
import { parseStackEnv, repoRoot } from '@epic/testing';
import { createAllocatorMetrics } from '../src/allocator-metrics.js';
import { RedisClaimLocks } from '../src/claim-locks.js';
import { IdAllocator } from '../src/id-allocator.js';

Object.assign(
  process.env,
  parseStackEnv(readFileSync(join(repoRoot, '.stack', 'env'), 'utf8'), process.env.PATH),
);
const kc = loadKubeConfig(process.env.KUBECONFIG);
const serviceLbs = Number(process.env.BENCH_SERVICE_LBS ?? 400);
const tunnelLbs = Number(process.env.BENCH_TUNNEL_LBS ?? 40);
const nodesPerLb = 20;
const ceilingMs = Number(process.env.BENCH_CEILING_MS ?? 10_000);
const concurrency = 32;
const run = `b${randomBytes(3).toString('hex')}`;
const namespaces = [0, 1, 2, 3].map((i) => `epic-${run}-${i}`);
const epicRef = { namespace: coreNamespace, name: epicSingletonName };
const epics = new EpicObjects(kc, epicKind);
const accounts = new EpicObjects(kc, accountKind);
const lbs = new EpicObjects(kc, loadBalancerKind);
const endpoints = new EpicObjects(kc, remoteEndpointKind);
const log = (text: string) => process.stderr.write(`[bench] ${text}\n`);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const sum = async (metric: { get(): Promise<{ values: { value: number }[] }> }) =>
  (await metric.get()).values.reduce((n, v) => n + v.value, 0);

/** The ceiling: Get + Update of the EPIC status by one client, back to back. */
async function ceiling(): Promise<number> {
  const until = Date.now() + ceilingMs;
  let updates = 0;
  while (Date.now() < until) {
    const epic = await epics.get(epicRef);
    const next = (epic.status?.['current-tunnel-id'] ?? 0) + 1;
    try {
      await epics.replaceStatus({ ...epic, status: { ...epic.status, 'current-tunnel-id': next } });
      updates++;
    } catch (err) {
      if (apiErrorCode(err) !== 409) throw err;
    }
  }
  return updates / (ceilingMs / 1000);
}

interface Scenario {
  name: string;
  replicas: number;
  batching: boolean;
  refs: ObjectRef[];
  action: (allocator: IdAllocator, ref: ObjectRef) => Promise<unknown>;
  idsPerRef: number;
}

async function runScenario(s: Scenario, redis: Redis) {
  const metrics = createAllocatorMetrics();
  const replicas = Array.from(
    { length: s.replicas },
    () =>
      new IdAllocator({
        kc: loadKubeConfig(process.env.KUBECONFIG),
        metrics,
        emit: () => undefined,
        locks: new RedisClaimLocks(redis, { prefix: `${run}-${s.name}` }),
        batching: { enabled: s.batching },
      }),
  );
  const latencies: number[] = [];
  const started = performance.now();
  // Each replica takes every s.replicas-th ref and handles `concurrency` at a time.
  await Promise.all(
    replicas.map((allocator, r) =>
      forEachLimit(
        s.refs.filter((_, i) => i % s.replicas === r),
        concurrency,
        async (ref) => {
          const t0 = performance.now();
          await s.action(allocator, ref);
          latencies.push(performance.now() - t0);
        },
      ),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    scenario: s.name,
    replicas: s.replicas,
    batching: s.batching,
    idsPerSecond: Math.round((s.refs.length * s.idsPerRef) / seconds),
    seconds: Number(seconds.toFixed(1)),
    claims: await sum(metrics.claims),
    conflicts: await sum(metrics.conflicts),
    conflictRate: Number(
      (
        (await sum(metrics.conflicts)) /
        Math.max(1, (await sum(metrics.claims)) + (await sum(metrics.conflicts)))
      ).toFixed(3),
    ),
    leaked: await sum(metrics.leaked),
    p50ms: Math.round(percentile(latencies, 50)),
    p99ms: Math.round(percentile(latencies, 99)),
  };
}

async function setUp() {
  for (const ns of namespaces) {
    await ensureNamespace(kc, ns);
    await accounts.create({
      apiVersion: 'epic.acnodal.io/v1',
      kind: 'Account',
      metadata: { namespace: ns, name: ns.slice(5) },
      spec: { 'group-id': 1 },
    });
  }
  await epics
    .create({ apiVersion: 'epic.acnodal.io/v1', kind: 'EPIC', metadata: epicRef, spec: {} })
    .catch((err: unknown) => {
      if (apiErrorCode(err) !== 409) throw err;
    });
}

/** `count` new LBs spread over the accounts; with `nodes`, a service ID and `nodes` RemoteEndpoints each. */
async function createLbs(tag: string, count: number, nodes = 0): Promise<ObjectRef[]> {
  const refs = Array.from({ length: count }, (_, i) => ({
    namespace: namespaces[i % 4] ?? '',
    name: `${tag}-${i}`,
  }));
  await forEachLimit(refs, 16, async (ref) => {
    await lbs.create({
      apiVersion: 'epic.acnodal.io/v1',
      kind: 'LoadBalancer',
      metadata: ref,
      spec: {
        'service-group': 'sample',
        'public-ports': [{ port: 80, protocol: 'TCP' }],
        ...(nodes ? { 'service-id': 1 } : {}),
      },
    });
    for (let n = 0; n < nodes; n++) {
      await endpoints.create({
        apiVersion: 'epic.acnodal.io/v1',
        kind: 'RemoteEndpoint',
        metadata: {
          namespace: ref.namespace,
          name: `${ref.name}-${n}`,
          labels: { [owningLoadBalancerLabel]: ref.name },
        },
        spec: {
          cluster: 'c',
          address: `10.244.0.${n + 1}`,
          'node-address': `10.9.${n}.1`,
          port: { port: 80, protocol: 'TCP' },
        },
      });
    }
  });
  return refs;
}

async function main() {
  const redis = new Redis(process.env.EPIC_REDIS_URL ?? '');
  const results: Record<string, unknown>[] = [];
  try {
    await setUp();
    log(`ceiling: ${ceilingMs / 1000} s of Get+Update on epic/epic by one client`);
    const ceilingPerSecond = await ceiling();
    log(`ceiling: ${ceilingPerSecond.toFixed(0)} Updates/s`);
    for (const batching of [false, true]) {
      for (const replicas of [1, 2, 4]) {
        const name = `svc-${replicas}-${batching ? 'b' : 'n'}`;
        log(`${name}: creating ${serviceLbs} LBs`);
        const refs = await createLbs(name, serviceLbs);
        results.push(
          await runScenario(
            {
              name,
              replicas,
              batching,
              refs,
              idsPerRef: 1,
              action: (a, ref) => a.ensureLoadBalancerIds(ref),
            },
            redis,
          ),
        );
        log(JSON.stringify(results.at(-1)));
      }
      const name = `tun-4-${batching ? 'b' : 'n'}`;
      log(`${name}: creating ${tunnelLbs} LBs with ${nodesPerLb} client nodes each`);
      const refs = await createLbs(name, tunnelLbs, nodesPerLb);
      results.push(
        await runScenario(
          {
            name,
            replicas: 4,
            batching,
            refs,
            idsPerRef: nodesPerLb,
            action: (a, ref) => a.ensureTunnelIds(ref),
          },
          redis,
        ),
      );
      log(JSON.stringify(results.at(-1)));
    }
    report(ceilingPerSecond, results);
  } finally {
    redis.disconnect();
    for (const ns of namespaces) await deleteNamespace(kc, ns);
  }
}

function report(ceilingPerSecond: number, results: Record<string, unknown>[]) {
  const rows = results.map((r) => ({
    ...r,
    xCeiling: Number((Number(r.idsPerSecond) / ceilingPerSecond).toFixed(2)),
  }));
  console.table(rows);
  const out = join(repoRoot, 'bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'id-allocator.json'),
    JSON.stringify(
      {
        at: new Date().toISOString(),
        ceilingUpdatesPerSecond: Math.round(ceilingPerSecond),
        concurrencyPerReplica: concurrency,
        results: rows,
      },
      null,
      2,
    ),
  );
  log('written to bench-results/id-allocator.json');
}

await main();
