// Benchmark (not a test): the xDS server with 10,000 LoadBalancers in memory (the renderer,
// the snapshot cache and the gRPC server are the real ones; objects, versions and conditions
// are in memory) and 1,000 Envoy-like clients in a child process. Measures: the start-up
// render of every LB, the time from one LB's endpoint change to its EDS push reaching its
// subscribed client (and to the push being written, server side), and the server's RSS.
// Prints medians and writes bench-results/xds-server.json.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@epic/logging';
import { startAdsServer } from '../src/ads-server.js';
import { MemoryConditionSink } from '../src/condition-sink.js';
import { MemoryProxyReader } from '../src/proxy-reader.js';
import type { Push } from '../src/stream-base.js';
import { loadBalancer, remoteEndpoint, serviceGroup } from '../src/testdata/index.js';
import { MemoryVersionStore } from '../src/version-store.js';
import { XdsServer } from '../src/xds-server.js';
import { createXdsMetrics } from '../src/xds-metrics.js';

const lbCount = Number(process.env.BENCH_LBS ?? 10_000);
const clientCount = Number(process.env.BENCH_CLIENTS ?? 1_000);
const changes = Number(process.env.BENCH_CHANGES ?? 50);
const namespaces = 10;

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const quietLogger = createLogger({ app: 'xds-bench', level: 'silent' });
const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const now = () => performance.timeOrigin + performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)] ?? NaN;
const round = (x: number) => Math.round(x * 100) / 100;

function lbAt(i: number) {
  const namespace = `epic-bench-${i % namespaces}`;
  const name = `lb-${i}`;
  return { namespace, name, node: `${namespace}.${name}`, cluster: `${namespace}-${name}-tcp-80` };
}

function objects(): MemoryProxyReader {
  const reader = new MemoryProxyReader();
  for (let n = 0; n < namespaces; n++) reader.put(serviceGroup('sg', undefined, `epic-bench-${n}`));
  for (let i = 0; i < lbCount; i++) {
    const { namespace, name } = lbAt(i);
    reader.put(
      loadBalancer(name, { 'public-address': `198.51.${i >> 8}.${i & 255}` }, namespace),
      remoteEndpoint(name, `${name}-a`, { address: `10.${i >> 8}.${i & 255}.1` }, namespace),
      remoteEndpoint(name, `${name}-b`, { address: `10.${i >> 8}.${i & 255}.2` }, namespace),
    );
  }
  return reader;
}

function startClients(port: number) {
  const script = fileURLToPath(new URL('./bench-clients.ts', import.meta.url));
  const nodes = Array.from({ length: clientCount }, (_, i) => lbAt(i));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', script, JSON.stringify({ port, nodes })],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const waiters = new Map<string, (t: number) => void>();
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const message = JSON.parse(line) as { ready?: number; n?: number; v?: string; t?: number };
    if (message.ready !== undefined) onReady();
    else waiters.get(`${message.n}/${message.v}`)?.(message.t ?? NaN);
  });
  return {
    ready,
    received: (index: number, version: string) =>
      new Promise<number>((resolve) => waiters.set(`${index}/${version}`, resolve)),
    stop: () => child.kill('SIGTERM'),
  };
}

const baseline = process.memoryUsage().rss;
const reader = objects();
const pushed = new Map<string, number>();
const metrics = createXdsMetrics();
const server = new XdsServer({
  reader,
  versions: new MemoryVersionStore(),
  conditions: new MemoryConditionSink(),
  metrics,
  logger: quietLogger,
  observer: {
    pushed: (p: Push) => p.type === 'EDS' && pushed.set(`${p.nodeId}/${p.version}`, now()),
  },
});
const renderStarted = performance.now();
await server.renderAll();
const renderAllSeconds = (performance.now() - renderStarted) / 1000;
const ads = await startAdsServer({ ...server.streams, host: '127.0.0.1', port: 0 });
const clients = startClients(ads.port);
const connectStarted = performance.now();
await clients.ready;
const connectSeconds = (performance.now() - connectStarted) / 1000;

const toClient: number[] = [];
const toWrite: number[] = [];
for (let k = 0; k < changes; k++) {
  const index = (k * 37) % clientCount;
  const { namespace, name, node } = lbAt(index);
  reader.put(
    remoteEndpoint(name, `${name}-b`, { address: `10.200.${k >> 8}.${k & 255}` }, namespace),
  );
  const version = String((server.cache.get(node)?.version ?? 0) + 1);
  const arrived = clients.received(index, version);
  const t0 = now();
  await server.render({ kind: 'loadBalancer', namespace, name });
  const t1 = await arrived;
  toClient.push(t1 - t0);
  toWrite.push((pushed.get(`${node}/${version}`) ?? NaN) - t0);
}
global.gc?.();
const memory = process.memoryUsage();
clients.stop();
await ads.close();

const result = {
  when: new Date().toISOString(),
  lbs: lbCount,
  clients: clientCount,
  changes,
  renderAllSeconds: round(renderAllSeconds),
  renderAllPerLbMs: round((renderAllSeconds * 1000) / lbCount),
  clientsConnectedSeconds: round(connectSeconds),
  changeToClientMs: { p50: round(median(toClient)), p90: round(p90(toClient)) },
  changeToPushWrittenMs: { p50: round(median(toWrite)), p90: round(p90(toWrite)) },
  rssMiB: mib(memory.rss),
  rssBeforeSnapshotsMiB: mib(baseline),
  heapUsedMiB: mib(memory.heapUsed),
  note: 'objects, versions and conditions in memory; 1,000 clients in a child process (not in the RSS)',
};
console.table({
  'render all (s)': result.renderAllSeconds,
  'per LB (ms)': result.renderAllPerLbMs,
  'clients connected (s)': result.clientsConnectedSeconds,
  'change -> client p50 (ms)': result.changeToClientMs.p50,
  'change -> client p90 (ms)': result.changeToClientMs.p90,
  'change -> push written p50 (ms)': result.changeToPushWrittenMs.p50,
  'server RSS (MiB)': result.rssMiB,
});
mkdirSync(join(repoRoot, 'bench-results'), { recursive: true });
writeFileSync(
  join(repoRoot, 'bench-results', 'xds-server.json'),
  `${JSON.stringify(result, null, 2)}\n`,
);
process.exit(0);
