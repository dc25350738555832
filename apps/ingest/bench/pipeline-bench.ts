// Benchmark (not a test): CR write -> ingest -> Kafka -> a no-op worker (the real worker
// runtime: consumer -> BullMQ -> handler). For 1,000 and 10,000 objects: events/s end to end
// while one client writes, write->handled latency p50/p99, ingest's RSS, and ingest's own
// capacity: a fresh ingest (process start included) publishing N existing objects. Prints a table and writes
// bench-results/ingest-pipeline.json. Needs the local stack (npm run stack:up).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { accountKind, accountNamespace } from '@epic/model';
import { EpicObjects, deleteNamespace, ensureNamespace, loadKubeConfig } from '@epic/kube';
import {
  createKafka,
  deleteConsumerGroupsWithPrefix,
  deleteTopicsWithPrefix,
  ensureTopics,
} from '@epic/kafka';
import { createLogger } from '@epic/logging';
import { startWorker } from '@epic/worker-runtime';
import { parseStackEnv, repoRoot } from '@epic/testing';
import { spawnIngest } from '../src/ingest-process.js';

Object.assign(
  process.env,
  parseStackEnv(readFileSync(join(repoRoot, '.stack', 'env'), 'utf8'), process.env.PATH),
);
const sizes = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const logger = createLogger({ app: 'bench', level: 'warn' });
const kc = loadKubeConfig(process.env.KUBECONFIG);
const brokers = (process.env.EPIC_KAFKA_BROKERS ?? '').split(',');

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const rssMiB = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** A no-op worker and an ingest child process on a fresh prefix; `handled` maps object name -> time. */
async function startPipeline(countedTypes: readonly string[], namespace: string) {
  const prefix = `b-${randomBytes(4).toString('hex')}`;
  const kafka = createKafka({ brokers, clientId: prefix, logger });
  await ensureTopics({ kafka, prefix, log: logger });
  const handled = new Map<string, number>();
  const worker = await startWorker({
    name: 'bench-noop',
    group: 'audit',
    prefix,
    kafkaBrokers: brokers,
    redisUrl: process.env.EPIC_REDIS_URL ?? '',
    httpPort: 0,
    concurrency: 8,
    logger,
    handler: (event) => {
      const ours = event.source.namespace === namespace && countedTypes.includes(event.type);
      if (ours && !handled.has(event.source.name))
        handled.set(event.source.name, performance.now());
      return Promise.resolve();
    },
  });
  const started = performance.now();
  const ingest = spawnIngest({
    EPIC_TOPIC_PREFIX: prefix,
    EPIC_INGEST_LEASE_NAME: `${prefix}-ingest`,
    LOG_LEVEL: 'warn',
  });
  return {
    handled,
    started,
    ingest,
    waitHandled: async (count: number) => {
      const deadline = Date.now() + 600_000;
      while (handled.size < count && Date.now() < deadline) await sleep(100);
      return performance.now();
    },
    async stop() {
      await ingest.terminate();
      await worker.stop();
      await deleteTopicsWithPrefix({ kafka, prefix, log: logger });
      await deleteConsumerGroupsWithPrefix({ kafka, prefix, log: logger });
    },
  };
}

async function runOnce(count: number) {
  const written = new Map<string, number>();
  const account = `bench-${randomBytes(3).toString('hex')}`;
  const namespace = accountNamespace(account);
  const live = await startPipeline(['AccountCreated'], namespace);
  await ensureNamespace(kc, namespace);
  await sleep(3000); // ingest takes its Lease and lists before the burst
  const accounts = new EpicObjects(kc, accountKind);
  const t0 = performance.now();
  for (let i = 0; i < count; i += 32) {
    await Promise.all(
      Array.from({ length: Math.min(32, count - i) }, async (_, j) => {
        const name = `a-${i + j}`;
        await accounts.create({
          apiVersion: 'epic.acnodal.io/v1',
          kind: 'Account',
          metadata: { namespace, name },
          spec: {},
        });
        written.set(name, performance.now());
      }),
    );
  }
  const tWritten = performance.now();
  const tDone = await live.waitHandled(count);
  const rss = rssMiB(live.ingest.child.pid ?? 0);
  const latencies = [...live.handled]
    .map(([name, t]) => t - (written.get(name) ?? t))
    .sort((a, b) => a - b);
  await live.stop();

  // Ingest's own capacity: a new ingest (empty checkpoint) over the N existing objects.
  const relist = await startPipeline(['AccountCreated', 'AccountObserved'], namespace);
  const tRelisted = await relist.waitHandled(count);
  const relistSeconds = (tRelisted - relist.started) / 1000;
  await relist.stop();
  await deleteNamespace(kc, namespace);
  return {
    objects: count,
    handled: live.handled.size,
    writeSeconds: +((tWritten - t0) / 1000).toFixed(2),
    endToEndSeconds: +((tDone - t0) / 1000).toFixed(2),
    eventsPerSecond: Math.round(live.handled.size / ((tDone - t0) / 1000)),
    latencyMs: {
      p50: Math.round(percentile(latencies, 50)),
      p99: Math.round(percentile(latencies, 99)),
    },
    ingestRssMiB: Math.round(rss),
    relistSeconds: +relistSeconds.toFixed(2),
    relistEventsPerSecond: Math.round(count / relistSeconds),
  };
}

const results = [];
for (const size of sizes) {
  process.stderr.write(`[bench] ${size} objects ...\n`);
  results.push(await runOnce(size));
}
console.table(results.map((r) => ({ ...r, latencyMs: `${r.latencyMs.p50} / ${r.latencyMs.p99}` })));
const out = join(repoRoot, 'bench-results');
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'ingest-pipeline.json'),
  `${JSON.stringify({ when: new Date().toISOString(), results }, null, 2)}\n`,
);
process.stderr.write(`[bench] written to bench-results/ingest-pipeline.json\n`);
process.exit(0);
