// Contour-style feature tests of incremental (delta) ADS: only what changed is sent, removals
// are named, a reconnecting client is sent only what it lacks, and NACKs do not loop.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeltaClient, memoryXds, until, type MemoryFixture } from './test-harness.js';
import { loadBalancer, namespace, remoteEndpoint, serviceGroup } from './testdata/index.js';

const node = `${namespace}.lb1`;
const port80 = `${namespace}-lb1-tcp-80`;
const port81 = `${namespace}-lb1-tcp-81`;
const lb = { kind: 'loadBalancer', namespace, name: 'lb1' } as const;
const twoPorts = [
  { port: 80, protocol: 'TCP' as const, name: 'a' },
  { port: 81, protocol: 'TCP' as const, name: 'b' },
];

let fx: MemoryFixture;
let client: DeltaClient;

beforeEach(async () => {
  fx = await memoryXds();
  fx.objects.put(
    serviceGroup('sg'),
    loadBalancer('lb1', { 'public-ports': twoPorts }),
    remoteEndpoint('lb1', 'ep1', { address: '10.0.0.1', port: { port: 8080, name: 'a' } }),
    remoteEndpoint('lb1', 'ep2', { address: '10.0.0.2', port: { port: 8081, name: 'b' } }),
  );
  await fx.server.renderAll();
  client = new DeltaClient(fx.ads.port, node);
});

afterEach(async () => {
  client.close();
  await fx.close();
});

describe('delta ADS', () => {
  it('sends a wildcard subscription everything, then only the resource that changed', async () => {
    client.send('CDS', {});
    const cds = await client.next();
    expect(cds).toMatchObject({ type: 'CDS', version: '1', names: [port80, port81], removed: [] });
    client.ack(cds);
    client.send('EDS', { resource_names_subscribe: [port80, port81] });
    const eds = await client.next();
    expect(eds.names).toEqual([port80, port81]);
    client.ack(eds);
    fx.objects.put(
      remoteEndpoint('lb1', 'ep3', { address: '10.0.0.3', port: { port: 8081, name: 'b' } }),
    );
    await fx.server.render(lb);
    const changed = await client.next();
    expect(changed).toMatchObject({ type: 'EDS', version: '2', names: [port81], removed: [] });
    expect(changed.versions[port81]).not.toBe(eds.versions[port81]);
  });

  it('names removed resources, and sends nothing for an unchanged type', async () => {
    client.send('CDS', {});
    client.ack(await client.next());
    client.send('LDS', {});
    client.ack(await client.next());
    fx.objects.put(loadBalancer('lb1', { 'public-ports': [twoPorts[0]!] }));
    await fx.server.render(lb);
    const [cds, lds] = [await client.next(), await client.next()];
    expect(cds).toMatchObject({ type: 'CDS', version: '2', names: [], removed: [port81] });
    expect(lds).toMatchObject({ type: 'LDS', version: '2', names: [], removed: [port81] });
  });

  it('sends a reconnecting client only what differs from the versions it reports', async () => {
    client.send('CDS', {});
    const first = await client.next();
    client.close();
    fx.objects.put(
      loadBalancer('lb1', { 'public-ports': [twoPorts[0]!, { ...twoPorts[1]!, port: 82 }] }),
    );
    await fx.server.render(lb);
    client = new DeltaClient(fx.ads.port, node);
    client.send('CDS', { initial_resource_versions: first.versions });
    const again = await client.next();
    expect(again).toMatchObject({ names: [`${namespace}-lb1-tcp-82`], removed: [port81] });
  });

  it('does not resend a NACKed resource version; the next version goes out', async () => {
    client.send('EDS', { resource_names_subscribe: [port80] });
    client.ack(await client.next());
    fx.objects.put(
      remoteEndpoint('lb1', 'ep1', { address: '10.0.0.9', port: { port: 8080, name: 'a' } }),
    );
    await fx.server.render(lb);
    const bad = await client.next();
    client.nack(bad, 'no thanks');
    await until('the NACK said on the proxy', () =>
      fx.conditions.find(`LoadBalancer/${namespace}/lb1`, 'ConfigAccepted')?.reason === 'Rejected'
        ? true
        : undefined,
    );
    fx.objects.put(
      remoteEndpoint('lb1', 'ep1', { address: '10.0.0.8', port: { port: 8080, name: 'a' } }),
    );
    await fx.server.render(lb);
    const next = await client.next();
    expect(next).toMatchObject({ type: 'EDS', version: '3', names: [port80] });
    expect(client.inbox.all.map((r) => r.version)).toEqual(['1', '2', '3']);
  });

  it('serves names subscribed and unsubscribed along the way', async () => {
    client.send('EDS', { resource_names_subscribe: [port80] });
    const a = await client.next();
    expect(a.names).toEqual([port80]);
    client.send('EDS', {
      response_nonce: a.nonce,
      resource_names_subscribe: [port81],
      resource_names_unsubscribe: [port80],
    });
    expect((await client.next()).names).toEqual([port81]);
  });
});
