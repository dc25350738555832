// Contour-style feature tests for GWProxies: routes and slices in -> what a client subscribing
// by name (as a proxyless gRPC client does) and an Envoy subscribing by wildcard receive; the
// group's template, render failures, and versions that survive a restart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryProxyReader } from './proxy-reader.js';
import { memoryXds, SotwClient, type MemoryFixture, type Received } from './test-harness.js';
import {
  endpointSlice,
  grpcFriendlyTemplate,
  gwProxy,
  httpRoute,
  namespace,
  serviceGroup,
  tunnels,
} from './testdata/index.js';
import { MemoryVersionStore } from './version-store.js';

const node = `${namespace}.gw`;
const routeConfig = `${namespace}-gw-tcp-8080`;
const clusterA = `${namespace}-svc-a`;
const clusterB = `${namespace}-svc-b`;

function objects(): MemoryProxyReader {
  return new MemoryProxyReader().put(
    serviceGroup('sg', grpcFriendlyTemplate),
    gwProxy('gw', {}, tunnels('192.168.1.16')),
    httpRoute('r1', 'gw', [{ service: 'svc-a', weight: 1 }]),
    endpointSlice('s-a', 'svc-a', {
      endpoints: [{ address: '10.1.0.1', node: '192.168.1.16' }],
      port: 9001,
    }),
    endpointSlice('s-b', 'svc-b', {
      endpoints: [{ address: '10.1.0.2', node: '192.168.1.16' }],
      port: 9002,
    }),
  );
}

let fx: MemoryFixture;
let client: SotwClient;

beforeEach(async () => {
  fx = await memoryXds({ objects: objects() });
  await fx.server.renderAll();
  client = new SotwClient(fx.ads.port, node);
});

afterEach(async () => {
  client.close();
  await fx.close();
});

const gateways = { kind: 'gateways', namespace } as const;
const containing = (text: string): unknown => expect.stringContaining(text);

/** What a proxyless gRPC client does for `xds:///<node>`: LDS, RDS, CDS, EDS, each by name. */
async function grpcStart(): Promise<Record<'lds' | 'rds' | 'cds' | 'eds', Received>> {
  client.subscribe('LDS', [node]);
  const lds = await client.next();
  client.ack(lds, [node]);
  client.subscribe('RDS', [routeConfig]);
  const rds = await client.next();
  client.ack(rds, [routeConfig]);
  client.subscribe('CDS', [clusterA]);
  const cds = await client.next();
  client.ack(cds, [clusterA]);
  client.subscribe('EDS', [clusterA]);
  const eds = await client.next();
  client.ack(eds, [clusterA]);
  return { lds, rds, cds, eds };
}

function routedClusters(rds: Received): unknown {
  const [config] = rds.resources as { virtual_hosts: { routes: { route: unknown }[] }[] }[];
  return config?.virtual_hosts[0]?.routes[0]?.route;
}

describe('GWProxy snapshots', () => {
  it('serves a named subscription its API listener, routes, clusters and endpoints', async () => {
    const { lds, rds, cds, eds } = await grpcStart();
    expect(lds.names).toEqual([node]);
    expect(lds.resources[0]).toMatchObject({
      name: node,
      api_listener: {
        api_listener: { type_url: containing('HttpConnectionManager') },
      },
    });
    expect(rds.names).toEqual([routeConfig]);
    expect(routedClusters(rds)).toMatchObject({ cluster: clusterA });
    expect(cds.names).toEqual([clusterA]);
    expect(eds.resources[0]).toMatchObject({
      cluster_name: clusterA,
      endpoints: [
        {
          load_balancing_weight: { value: 1 },
          lb_endpoints: [
            {
              endpoint: { address: { socket_address: { address: '10.1.0.1', port_value: 9001 } } },
            },
          ],
        },
      ],
    });
  });

  it('keeps API listeners out of a wildcard LDS subscription (Envoy takes them from its bootstrap only)', async () => {
    client.subscribe('LDS');
    const lds = await client.next();
    expect(lds.names).toEqual([routeConfig]);
    expect(lds.resources[0]).toHaveProperty('address');
  });

  it('names the port in the target to pick one HTTP port, and leaves unknown names out', async () => {
    client.subscribe('LDS', [`${node}:8080`, `${node}:9999`, 'someone-else']);
    expect((await client.next()).names).toEqual([`${node}:8080`]);
  });

  it('moves traffic with the route weights: CDS, EDS, then RDS change; listeners stay', async () => {
    await grpcStart();
    fx.objects.put(
      httpRoute('r1', 'gw', [
        { service: 'svc-a', weight: 1 },
        { service: 'svc-b', weight: 3 },
      ]),
    );
    await fx.server.render(gateways);
    const [cds, eds, rds] = [await client.next(), await client.next(), await client.next()];
    expect([cds, eds, rds].map((r) => `${r.type}@${r.version}`)).toEqual([
      'CDS@2',
      'EDS@2',
      'RDS@2',
    ]);
    expect(routedClusters(rds)).toMatchObject({
      weighted_clusters: {
        clusters: [
          { name: clusterA, weight: { value: 1 } },
          { name: clusterB, weight: { value: 3 } },
        ],
      },
    });
    // The client learns of cluster B from the routes and subscribes to it, as gRPC does.
    client.ack(cds, [clusterA, clusterB]);
    expect(await client.next()).toMatchObject({
      type: 'CDS',
      version: '2',
      names: [clusterA, clusterB],
    });
    client.ack(eds, [clusterA, clusterB]);
    expect(await client.next()).toMatchObject({
      type: 'EDS',
      version: '2',
      names: [clusterA, clusterB],
    });
    expect(client.inbox.all.filter((r) => r.type === 'LDS')).toHaveLength(1);
  });

  it('pushes only EDS when a slice moves its endpoints', async () => {
    await grpcStart();
    fx.objects.put(
      endpointSlice('s-a', 'svc-a', {
        endpoints: [{ address: '10.1.0.9', node: '192.168.1.16' }],
        port: 9001,
      }),
    );
    await fx.server.render(gateways);
    const eds = await client.next();
    expect(eds).toMatchObject({ type: 'EDS', version: '2', names: [clusterA] });
    client.ack(eds, [clusterA]);
    expect(client.inbox.all.map((r) => `${r.type}@${r.version}`)).toEqual([
      'LDS@1',
      'RDS@1',
      'CDS@1',
      'EDS@1',
      'EDS@2',
    ]);
  });

  it('re-renders the group’s proxies when its template changes, not when only its status does', async () => {
    await grpcStart();
    const group = { kind: 'group', namespace, name: 'sg' } as const;
    await fx.server.render(group);
    const status = { 'proxy-snapshot-versions': { gw: 1 } };
    fx.objects.put({ ...serviceGroup('sg', grpcFriendlyTemplate), status });
    await fx.server.render(group);
    expect(client.inbox.unread).toBe(0);
    const slowConnect = {
      ...grpcFriendlyTemplate,
      envoyResources: {
        ...grpcFriendlyTemplate.envoyResources,
        clusters: [
          {
            name: 'default',
            value:
              'name: {{ .ClusterName }}\ntype: EDS\nconnect_timeout: 9s\neds_cluster_config: {eds_config: {ads: {}, resource_api_version: V3}}\n',
          },
        ],
      },
    };
    fx.objects.put(serviceGroup('sg', slowConnect));
    await fx.server.render(group);
    const cds = await client.next();
    expect(cds).toMatchObject({ type: 'CDS', version: '2' });
    expect(cds.resources[0]).toMatchObject({ connect_timeout: { seconds: 9 } });
  });

  it('keeps serving the last snapshot when a render fails, and says why', async () => {
    await grpcStart();
    fx.objects.put(serviceGroup('sg', { envoyResources: { listener: [] } }));
    await fx.server.render({ kind: 'group', namespace, name: 'sg' });
    expect(fx.conditions.find(`GWProxy/${namespace}/gw`, 'ConfigRendered')).toMatchObject({
      status: 'False',
      reason: 'TemplateError',
      message: containing('invalid envoy-template'),
    });
    expect(fx.server.cache.get(node)?.version).toBe(1);
    expect(client.inbox.unread).toBe(0);
  });

  it('drops a GWProxy that is gone and forgets its version', async () => {
    fx.objects.remove('GWProxy', { namespace, name: 'gw' });
    await fx.server.render(gateways);
    expect(fx.server.cache.get(node)).toBeUndefined();
    expect(fx.versions.groups.get(`${namespace}/sg`)).toEqual({});
  });
});

describe('snapshot versions across restarts', () => {
  it('continue above the persisted version, and never go backwards', async () => {
    const versions = new MemoryVersionStore();
    const first = await memoryXds({ objects: objects(), versions });
    await first.server.renderAll();
    first.objects.put(
      endpointSlice('s-a', 'svc-a', {
        endpoints: [{ address: '10.1.0.7', node: '192.168.1.16' }],
        port: 9001,
      }),
    );
    await first.server.render(gateways);
    expect(first.server.cache.get(node)?.version).toBe(2);
    await first.close();

    const second = await memoryXds({ objects: first.objects, versions });
    await second.server.renderAll();
    const restarted = second.server.cache.get(node);
    expect(restarted?.version).toBe(3);
    expect(Object.values(restarted?.types ?? {}).map((t) => t.version)).toEqual([
      '3',
      '3',
      '3',
      '3',
    ]);
    expect(versions.groups.get(`${namespace}/sg`)).toEqual({ gw: 3 });
    await second.close();
  });
});
