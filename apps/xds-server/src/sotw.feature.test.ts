// Contour-style feature tests of state-of-the-world ADS: CRs in (in memory) -> our ADS server
// on 127.0.0.1:0 -> the DiscoveryResponses a hand-written client receives, compared.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { counterValue } from '@epic/worker-runtime';
import { memoryXds, SotwClient, until, type MemoryFixture, type Received } from './test-harness.js';
import { loadBalancer, namespace, remoteEndpoint, serviceGroup } from './testdata/index.js';

const node = `${namespace}.lb1`;
const cluster = `${namespace}-lb1-tcp-80`;
let fx: MemoryFixture;
let client: SotwClient;

beforeEach(async () => {
  fx = await memoryXds();
  fx.objects.put(
    serviceGroup('sg'),
    loadBalancer('lb1'),
    remoteEndpoint('lb1', 'ep1', { address: '10.0.0.1' }),
  );
  await fx.server.renderAll();
  client = new SotwClient(fx.ads.port, node);
});

afterEach(async () => {
  client.close();
  await fx.close();
});

/** An Envoy's start: CDS, then EDS for the clusters, then LDS; each ACKed. */
async function envoyStart(): Promise<[Received, Received, Received]> {
  client.subscribe('CDS');
  const cds = await client.next();
  client.ack(cds);
  client.subscribe('EDS', cds.names);
  const eds = await client.next();
  client.ack(eds, cds.names);
  client.subscribe('LDS');
  const lds = await client.next();
  client.ack(lds);
  return [cds, eds, lds];
}

const endpointAddresses = (r: Received) =>
  r.resources.flatMap((cla) =>
    (
      cla['endpoints'] as {
        lb_endpoints: { endpoint: { address: { socket_address: { address: string } } } }[];
      }[]
    )
      .flatMap((l) => l.lb_endpoints)
      .map((e) => e.endpoint.address.socket_address.address),
  );

describe('state-of-the-world ADS', () => {
  it('serves the proxy its snapshot: one version for every type, a fresh nonce per response', async () => {
    const [cds, eds, lds] = await envoyStart();
    expect(cds).toMatchObject({ type: 'CDS', version: '1', names: [cluster] });
    expect(eds).toMatchObject({ type: 'EDS', version: '1', names: [cluster] });
    expect(lds).toMatchObject({ type: 'LDS', version: '1', names: [cluster] });
    expect(new Set([cds.nonce, eds.nonce, lds.nonce]).size).toBe(3);
    expect(endpointAddresses(eds)).toEqual(['10.0.0.1']);
    expect(fx.versions.groups.get(`${namespace}/sg`)).toEqual({ lb1: 1 });
  });

  it('pushes only EDS when only endpoints change, and nothing after an ACK', async () => {
    await envoyStart();
    fx.objects.put(remoteEndpoint('lb1', 'ep2', { address: '10.0.0.2' }));
    await fx.server.render({ kind: 'loadBalancer', namespace, name: 'lb1' });
    const eds = await client.next();
    expect(eds).toMatchObject({ type: 'EDS', version: '2' });
    expect(endpointAddresses(eds)).toEqual(['10.0.0.1', '10.0.0.2']);
    client.ack(eds, [cluster]);
    // A re-render of the same objects changes nothing: no version, no push.
    await fx.server.render({ kind: 'loadBalancer', namespace, name: 'lb1' });
    fx.objects.put(remoteEndpoint('lb1', 'ep3', { address: '10.0.0.3' }));
    await fx.server.render({ kind: 'loadBalancer', namespace, name: 'lb1' });
    expect(await client.next()).toMatchObject({ type: 'EDS', version: '3' });
    expect(client.inbox.all.map((r) => `${r.type}@${r.version}`)).toEqual([
      'CDS@1',
      'EDS@1',
      'LDS@1',
      'EDS@2',
      'EDS@3',
    ]);
  });

  it('does not send a NACKed version again: only a new version goes out', async () => {
    await envoyStart();
    fx.objects.put(remoteEndpoint('lb1', 'ep2', { address: '10.0.0.2' }));
    await fx.server.render({ kind: 'loadBalancer', namespace, name: 'lb1' });
    const rejected = await client.next();
    client.nack(rejected, 'endpoints[0]: bad thing', [cluster]);
    const proxy = `LoadBalancer/${namespace}/lb1`;
    const said = await until('the NACK said on the proxy', () =>
      fx.conditions.find(proxy, 'ConfigAccepted')?.status === 'False'
        ? fx.conditions.find(proxy, 'ConfigAccepted')
        : undefined,
    );
    expect(said).toMatchObject({
      status: 'False',
      reason: 'Rejected',
      message: 'An xDS client rejected EDS version 2: endpoints[0]: bad thing',
    });
    expect(fx.emitted).toEqual([
      {
        proxy,
        type: 'Warning',
        reason: 'ConfigRejected',
        message: 'An xDS client rejected EDS version 2: endpoints[0]: bad thing',
      },
    ]);
    // The client asks again with the same names: the NACKed version is not re-sent.
    client.nack(rejected, 'endpoints[0]: bad thing', [cluster]);
    fx.objects.remove('RemoteEndpoint', { namespace, name: 'ep2' });
    await fx.server.render({ kind: 'loadBalancer', namespace, name: 'lb1' });
    const fixed = await client.next();
    expect(fixed).toMatchObject({ type: 'EDS', version: '3' });
    client.ack(fixed, [cluster]);
    await until('the ACK said on the proxy', () =>
      fx.conditions.find(proxy, 'ConfigAccepted')?.status === 'True' ? true : undefined,
    );
    expect(client.inbox.all.filter((r) => r.type === 'EDS').map((r) => r.version)).toEqual([
      '1',
      '2',
      '3',
    ]);
    expect(await counterValue(fx.metrics.nacks, { type: 'EDS' })).toBe(1);
  });

  it('sends in warming order (CDS, EDS, LDS) and holds later types while an earlier one is unanswered', async () => {
    await envoyStart();
    // A second public port: a new cluster, its endpoints and a new listener.
    const twoPorts = [
      { port: 80, protocol: 'TCP' as const },
      { port: 81, protocol: 'TCP' as const, targetPort: 8080 },
    ];
    fx.objects.put(loadBalancer('lb1', { 'public-ports': twoPorts }));
    await fx.server.render({ kind: 'loadBalancer', namespace, name: 'lb1' });
    const [a, b, c] = [await client.next(), await client.next(), await client.next()];
    expect([a, b, c].map((r) => `${r.type}@${r.version}`)).toEqual(['CDS@2', 'EDS@2', 'LDS@2']);
    // Nothing answered yet; another change makes version 3 of the same three types.
    fx.objects.put(loadBalancer('lb1', { 'public-ports': [twoPorts[0]!] }));
    await fx.server.render({ kind: 'loadBalancer', namespace, name: 'lb1' });
    expect(client.inbox.unread).toBe(0);
    // Answering LDS first releases nothing: CDS still waits for its answer, so LDS may not overtake it.
    client.ack(c);
    client.ack(a);
    const cds3 = await client.next();
    expect(cds3).toMatchObject({ type: 'CDS', version: '3', names: [cluster] });
    client.ack(b, [cluster]);
    const [eds3, lds3] = [await client.next(), await client.next()];
    expect([eds3.type, lds3.type]).toEqual(['EDS', 'LDS']);
    expect(client.inbox.all.map((r) => r.type)).toEqual([
      'CDS',
      'EDS',
      'LDS',
      'CDS',
      'EDS',
      'LDS',
      'CDS',
      'EDS',
      'LDS',
    ]);
  });

  it('ignores a request carrying a stale nonce', async () => {
    const [, eds1] = await envoyStart();
    fx.objects.put(remoteEndpoint('lb1', 'ep2', { address: '10.0.0.2' }));
    await fx.server.render({ kind: 'loadBalancer', namespace, name: 'lb1' });
    const eds2 = await client.next();
    // A NACK with the nonce of EDS version 1, overtaken by version 2: stale, so ignored.
    client.nack(eds1, 'late', [cluster]);
    client.ack(eds2, [cluster]);
    // Requests are handled in order: once the ACK after it is seen, so was the stale NACK.
    await until('the EDS ACK of version 2', () =>
      fx.answers.some(
        (a) => a.type === 'EDS' && a.verdict.kind === 'ack' && a.verdict.version === '2',
      )
        ? true
        : undefined,
    );
    expect(fx.answers.filter((a) => a.type === 'EDS').map((a) => a.verdict)).toEqual([
      { kind: 'ack', version: '1' },
      { kind: 'stale' },
      { kind: 'ack', version: '2' },
    ]);
    expect(await counterValue(fx.metrics.nacks, { type: 'EDS' })).toBe(0);
  });

  it('answers a client that connects before its proxy exists once the proxy is rendered', async () => {
    const early = new SotwClient(fx.ads.port, `${namespace}.late`);
    try {
      early.subscribe('CDS');
      await fx.server.renderAll();
      expect(early.inbox.unread).toBe(0);
      fx.objects.put(loadBalancer('late'));
      await fx.server.render({ kind: 'loadBalancer', namespace, name: 'late' });
      expect(await early.next()).toMatchObject({
        type: 'CDS',
        version: '1',
        names: [`${namespace}-late-tcp-80`],
      });
    } finally {
      early.close();
    }
  });
});

describe('a system service group (core namespace)', () => {
  it('serves a LoadBalancer whose group is not in its namespace, and keeps its version there by node id', async () => {
    const system = await memoryXds();
    try {
      const connectTimeout = (seconds: number) => ({
        envoyResources: {
          clusters: [
            {
              name: 'default',
              value: `name: {{ .ClusterName }}\ntype: EDS\nconnect_timeout: ${seconds}s\neds_cluster_config: {eds_config: {ads: {}, resource_api_version: V3}}\n`,
            },
          ],
        },
      });
      system.objects.put(
        serviceGroup('shared', connectTimeout(7), 'epic'),
        loadBalancer('lb9', { 'service-group': 'shared' }),
      );
      await system.server.renderAll();
      expect(system.versions.groups.get('epic/shared')).toEqual({ [`${namespace}.lb9`]: 1 });
      const envoy = new SotwClient(system.ads.port, `${namespace}.lb9`);
      try {
        envoy.subscribe('CDS');
        const first = await envoy.next();
        expect(first.resources[0]).toMatchObject({ connect_timeout: { seconds: 7 } });
        envoy.ack(first);
        system.objects.put(serviceGroup('shared', connectTimeout(8), 'epic'));
        await system.server.handleEvent({
          type: 'ServiceGroupChanged',
          source: {
            kind: 'LBServiceGroup',
            namespace: 'epic',
            name: 'shared',
            uid: 'u',
            resourceVersion: '2',
          },
        } as never);
        expect((await envoy.next()).resources[0]).toMatchObject({
          connect_timeout: { seconds: 8 },
        });
      } finally {
        envoy.close();
      }
    } finally {
      await system.close();
    }
  });
});
