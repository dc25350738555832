// End to end on the shared stack with a REAL xDS client nobody here wrote: CRs in the real
// apiserver -> ingest -> Kafka -> the xds-server worker -> our ADS server on 127.0.0.1:0 ->
// @grpc/grpc-js-xds resolving `xds:///<ns>.<gwproxy>` (API listener -> RDS -> CDS -> EDS) and
// sending RPCs to gRPC backends on 127.0.0.1. Changing the GWRoute's weights or a
// GWEndpointSlice's endpoints in the apiserver moves the RPCs. A group whose template gRPC
// rejects gets ConfigAccepted=False on its proxy, and the rejected version is not re-sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeConfig } from '@kubernetes/client-node';
import { register } from '@grpc/grpc-js-xds';
import { consumerGroupId } from '@epic/events';
import { EpicObjects, loadKubeConfig } from '@epic/kube';
import {
  findCondition,
  gwEndpointSliceKind,
  gwProxyKind,
  gwRouteKind,
  lbServiceGroupKind,
  type Condition,
  type GWEndpointSliceInput,
  type GWRouteInput,
} from '@epic/model';
import { createTestAccountNamespace } from '@epic/testing';
import { eventBus, eventually, startIngest, testLogger } from '@epic/ingest-pipeline/testing';
import { obliterateWorkerQueue, startWorker, type WorkerHandle } from '@epic/worker-runtime';
import { startAdsServer, type AdsServer } from './ads-server.js';
import type { Push } from './stream-base.js';
import {
  echoClient,
  spread,
  startEchoBackend,
  who,
  type EchoBackend,
} from './testdata/echo-backends.js';
import {
  endpointSlice,
  grpcFriendlyTemplate,
  gwProxy,
  httpRoute,
  serviceGroup,
  tunnels,
  type WeightedBackend,
} from './testdata/index.js';
import { kubeXdsServer } from './wiring.js';
import type { XdsServer } from './xds-server.js';
import { createXdsMetrics } from './xds-metrics.js';

const clientNode = '192.168.1.16';
let kc: KubeConfig;
let ns: Awaited<ReturnType<typeof createTestAccountNamespace>>;
let bus: Awaited<ReturnType<typeof eventBus>>;
let ingest: Awaited<ReturnType<typeof startIngest>>;
let server: XdsServer;
let ads: AdsServer;
let worker: WorkerHandle;
const backends: Record<'a' | 'b' | 'c', EchoBackend> = {} as never;
const pushes: Push[] = [];
const metrics = createXdsMetrics();
const clients: { close(): void }[] = [];

let proxies: EpicObjects<typeof gwProxyKind>;
let routes: EpicObjects<typeof gwRouteKind>;
let slices: EpicObjects<typeof gwEndpointSliceKind>;
let groups: EpicObjects<typeof lbServiceGroupKind>;

beforeAll(async () => {
  register();
  kc = loadKubeConfig(process.env.KUBECONFIG);
  ns = await createTestAccountNamespace(kc, 'xds');
  proxies = new EpicObjects(kc, gwProxyKind);
  routes = new EpicObjects(kc, gwRouteKind);
  slices = new EpicObjects(kc, gwEndpointSliceKind);
  groups = new EpicObjects(kc, lbServiceGroupKind);
  for (const name of ['a', 'b', 'c'] as const) backends[name] = await startEchoBackend(name);
  bus = await eventBus();
  ingest = await startIngest(kc, bus);
  server = kubeXdsServer({
    kc,
    logger: testLogger,
    emit: () => undefined, // Events are not what this test looks at
    metrics,
    namespaces: [ns.namespace],
    // The stack is shared: only this test's namespace is ours to serve.
    inScope: (namespace) => namespace === ns.namespace,
    observer: { pushed: (push) => pushes.push(push) },
  });
  ads = await startAdsServer({ ...server.streams, host: '127.0.0.1', port: 0 });
  await server.renderAll();
  worker = await startWorker({
    name: 'xds-server-test',
    group: 'xds-server',
    prefix: bus.prefix,
    kafkaBrokers: (process.env.EPIC_KAFKA_BROKERS ?? '').split(','),
    redisUrl: process.env.EPIC_REDIS_URL ?? '',
    httpPort: 0,
    backoffMs: 200,
    concurrency: 8,
    logger: testLogger,
    handler: (event) => server.handleEvent(event),
  });
}, 120_000);

async function stopServing(): Promise<void> {
  for (const client of clients) client.close();
  await worker?.stop();
  await ads?.close();
  await server?.idle();
}

async function removeBus(): Promise<void> {
  await ingest?.close();
  if (!bus) return;
  await bus.close();
  await obliterateWorkerQueue({
    redisUrl: process.env.EPIC_REDIS_URL ?? '',
    queueName: consumerGroupId('xds-server', bus.prefix),
  });
}

afterAll(async () => {
  await stopServing();
  await removeBus();
  await ns?.remove();
  for (const backend of Object.values(backends)) backend.close();
});

/** Created as a client cluster would, then the tunnel IDs id-allocator would have written. */
async function createProxy(name: string, group: string): Promise<void> {
  const object = gwProxy(name, { 'service-group': group }, undefined, ns.namespace);
  const created = await proxies.create({ ...object, status: undefined });
  await proxies.replaceStatus({ ...created, status: tunnels(clientNode) });
}

async function setRoute(name: string, proxy: string, backendList: WeightedBackend[]) {
  const wanted = httpRoute(name, proxy, backendList, ns.namespace);
  const current = await routes.get({ namespace: ns.namespace, name }).catch(() => undefined);
  const body: GWRouteInput = { ...wanted, metadata: { ...current?.metadata, ...wanted.metadata } };
  delete body.metadata.creationTimestamp;
  await (current ? routes.replace(body) : routes.create(body));
}

async function setSlice(name: string, service: string, backend: EchoBackend) {
  const wanted = endpointSlice(name, service, {
    endpoints: [{ address: '127.0.0.1', node: clientNode }],
    port: backend.port,
    namespace: ns.namespace,
  });
  const current = await slices.get({ namespace: ns.namespace, name }).catch(() => undefined);
  const body: GWEndpointSliceInput = {
    ...wanted,
    metadata: { ...current?.metadata, ...wanted.metadata },
  };
  await (current ? slices.replace(body) : slices.create(body));
}

function xdsClient(proxy: string) {
  const nodeId = `${ns.namespace}.${proxy}`;
  const bootstrap = {
    xds_servers: [
      {
        server_uri: `127.0.0.1:${ads.port}`,
        channel_creds: [{ type: 'insecure' }],
        server_features: ['xds_v3'],
      },
    ],
    node: { id: nodeId, cluster: 'xds-test', locality: {} },
  };
  const client = echoClient(`xds:///${nodeId}`, {
    'grpc.TEST_ONLY_DO_NOT_USE_IN_PROD.xds_bootstrap_config': JSON.stringify(bootstrap),
  });
  clients.push(client);
  return client;
}

/** Polls until every one of `count` RPCs lands where `expected` says (a stable spread). */
async function rpcsGo(
  client: ReturnType<typeof xdsClient>,
  what: string,
  expected: (s: Record<string, number>) => boolean,
) {
  return eventually(
    what,
    async () => {
      const s = await spread(client, 20);
      return expected(s) ? s : undefined;
    },
    60_000,
  );
}

async function condition(proxy: string, type: string): Promise<Condition | undefined> {
  const object = await proxies.get({ namespace: ns.namespace, name: proxy });
  return findCondition(object.status?.conditions, type);
}

describe('a proxyless gRPC client (@grpc/grpc-js-xds) on our ADS server', () => {
  it(
    'follows route weights and endpoint slices changed in the apiserver',
    { timeout: 180_000 },
    async () => {
      await groups.create(serviceGroup('grpc', grpcFriendlyTemplate, ns.namespace));
      await createProxy('gw', 'grpc');
      await setSlice('slice-a', 'svc-a', backends.a);
      await setSlice('slice-b', 'svc-b', backends.b);
      await setRoute('route', 'gw', [
        { service: 'svc-a', weight: 1 },
        { service: 'svc-b', weight: 0 },
      ]);
      const client = xdsClient('gw');

      expect(await rpcsGo(client, 'every RPC on backend a', (s) => s['a'] === 20)).toEqual({
        a: 20,
      });

      await setRoute('route', 'gw', [
        { service: 'svc-a', weight: 0 },
        { service: 'svc-b', weight: 1 },
      ]);
      expect(await rpcsGo(client, 'every RPC on backend b', (s) => s['b'] === 20)).toEqual({
        b: 20,
      });

      await setRoute('route', 'gw', [
        { service: 'svc-a', weight: 1 },
        { service: 'svc-b', weight: 1 },
      ]);
      const even = await rpcsGo(
        client,
        'RPCs on both a and b',
        (s) => (s['a'] ?? 0) > 0 && (s['b'] ?? 0) > 0 && (s['a'] ?? 0) + (s['b'] ?? 0) === 20,
      );
      expect(Object.keys(even).sort()).toEqual(['a', 'b']);

      // The slice behind svc-b now points at backend c: b gets nothing more.
      await setSlice('slice-b', 'svc-b', backends.c);
      const moved = await rpcsGo(
        client,
        'RPCs on a and c, none on b',
        (s) => (s['a'] ?? 0) > 0 && (s['c'] ?? 0) > 0 && s['b'] === undefined,
      );
      expect(Object.keys(moved).sort()).toEqual(['a', 'c']);

      const accepted = await eventually('ConfigAccepted on the GWProxy', async () => {
        const c = await condition('gw', 'ConfigAccepted');
        return c?.status === 'True' ? c : undefined;
      });
      expect(accepted.reason).toBe('Accepted');
      expect(await condition('gw', 'ConfigRendered')).toMatchObject({
        status: 'True',
        reason: 'Rendered',
      });
      // Each change moved the proxy's version, persisted in its group before it was served.
      const group = await groups.get({ namespace: ns.namespace, name: 'grpc' });
      const persisted = group.status?.['proxy-snapshot-versions']?.['gw'] ?? 0;
      expect(persisted).toBe(server.cache.get(`${ns.namespace}.gw`)?.version);
      // Four routings were seen; changes close together may share a version.
      expect(persisted).toBeGreaterThanOrEqual(4);
    },
  );

  it(
    'says a rejected configuration on the proxy and does not send it again',
    { timeout: 120_000 },
    async () => {
      // The default endpoints entry has no locality: Envoy takes it, gRPC rejects it.
      await groups.create(serviceGroup('no-locality', {}, ns.namespace));
      await createProxy('gw-bad', 'no-locality');
      await setSlice('slice-bad', 'svc-bad', backends.a);
      await setRoute('route-bad', 'gw-bad', [{ service: 'svc-bad' }]);
      const client = xdsClient('gw-bad');
      void who(client);

      const rejected = await eventually(
        'ConfigAccepted=False on gw-bad',
        async () => {
          void who(client, 500);
          const c = await condition('gw-bad', 'ConfigAccepted');
          return c?.status === 'False' ? c : undefined;
        },
        60_000,
      );
      expect(rejected.reason).toBe('Rejected');
      expect(rejected.message).toMatch(/^An xDS client rejected EDS version \d+: .*locality unset/);

      // A new version (the slice moves) is sent, and rejected too; no version is sent twice.
      await setSlice('slice-bad', 'svc-bad', backends.b);
      const firstVersion = /version (\d+)/.exec(rejected.message)?.[1];
      await eventually(
        'the next EDS version rejected',
        async () => {
          const c = await condition('gw-bad', 'ConfigAccepted');
          const version = /version (\d+)/.exec(c?.message ?? '')?.[1];
          return version !== undefined && version !== firstVersion ? c : undefined;
        },
        60_000,
      );
      const eds = pushes.filter((p) => p.nodeId === `${ns.namespace}.gw-bad` && p.type === 'EDS');
      const versions = eds.map((p) => p.version);
      expect(new Set(versions).size).toBeGreaterThanOrEqual(2);
      // Per stream, each version went out once (a reconnect would legitimately start over).
      const perStream = eds.map((p) => `${p.stream}/${p.version}`);
      expect(new Set(perStream).size).toBe(perStream.length);
      // gRPC repeats its error_detail when it asks for other names: still one NACK per version.
      const nacks = (await metrics.nacks.get()).values.find(
        (v) => v.labels['type'] === 'EDS',
      )?.value;
      expect(nacks).toBe(perStream.length);
    },
  );

  it('restarts above the persisted versions', { timeout: 60_000 }, async () => {
    const before =
      (await groups.get({ namespace: ns.namespace, name: 'grpc' })).status?.[
        'proxy-snapshot-versions'
      ]?.['gw'] ?? 0;
    const restarted = kubeXdsServer({
      kc,
      logger: testLogger,
      emit: () => undefined,
      metrics: createXdsMetrics(),
      namespaces: [ns.namespace],
    });
    await restarted.renderAll();
    await restarted.idle();
    const after = (await groups.get({ namespace: ns.namespace, name: 'grpc' })).status?.[
      'proxy-snapshot-versions'
    ]?.['gw'];
    expect(after).toBe(before + 1);
    expect(restarted.cache.get(`${ns.namespace}.gw`)?.version).toBe(before + 1);
  });
});
