// Which RemoteEndpoints serve which public port, and what the LB renderer reports.
import type { LoadBalancerInput } from '@epic/model';
import { describe, expect, it } from 'vitest';
import { loadBalancerIR } from './load-balancer-ir.js';
import { loadBalancer, remoteEndpoint } from './testdata/builders.js';

const tunnels = { 'gue-tunnel-endpoints': { '192.168.1.16': { 'tunnel-id': 5 } } };

function endpointsByPort(
  ports: LoadBalancerInput['spec']['public-ports'],
  reps: ReturnType<typeof remoteEndpoint>[],
) {
  const ir = loadBalancerIR({
    loadBalancer: loadBalancer({ 'public-ports': ports }, tunnels),
    remoteEndpoints: reps,
  });
  return Object.fromEntries(
    ir.clusters.map((c) => [
      c.name.replace('epic-test-lb-', ''),
      c.endpoints.map((e) => `${e.address}:${e.port}`),
    ]),
  );
}

describe('LoadBalancer endpoints per public port', () => {
  const http = remoteEndpoint('http', {
    address: '10.0.0.1',
    port: { name: 'http', port: 8080, protocol: 'TCP' },
  });
  const https = remoteEndpoint('https', {
    address: '10.0.0.1',
    port: { name: 'https', port: 8443, protocol: 'TCP' },
  });
  const dns = remoteEndpoint('dns', { address: '10.0.0.2', port: { port: 53, protocol: 'UDP' } });

  it.each([
    [
      'one port takes every endpoint of its protocol',
      [{ port: 80 }],
      [http, https, dns],
      { 'tcp-80': ['10.0.0.1:8080', '10.0.0.1:8443'] },
    ],
    [
      'several ports match by port name',
      [
        { name: 'http', port: 80, targetPort: 1 },
        { name: 'https', port: 443, targetPort: 2 },
      ],
      [http, https],
      { 'tcp-443': ['10.0.0.1:8443'], 'tcp-80': ['10.0.0.1:8080'] },
    ],
    [
      'several unnamed ports match by targetPort',
      [
        { port: 80, targetPort: 8080 },
        { port: 443, targetPort: 8443 },
      ],
      [http, https],
      { 'tcp-443': ['10.0.0.1:8443'], 'tcp-80': ['10.0.0.1:8080'] },
    ],
    [
      'a named targetPort matches the endpoint port name',
      [
        { port: 80, targetPort: 'http' },
        { port: 443, targetPort: 'https' },
      ],
      [http, https],
      { 'tcp-443': ['10.0.0.1:8443'], 'tcp-80': ['10.0.0.1:8080'] },
    ],
    [
      'without targetPort the port itself',
      [{ port: 8080 }, { port: 9 }],
      [http],
      { 'tcp-8080': ['10.0.0.1:8080'], 'tcp-9': [] },
    ],
    [
      'UDP ports take UDP endpoints',
      [{ port: 53, protocol: 'UDP' as const }, { port: 80 }],
      [dns, http],
      { 'tcp-80': [], 'udp-53': ['10.0.0.2:53'] },
    ],
  ])('%s', (_what, ports, reps, expected) => {
    expect(endpointsByPort(ports, reps)).toEqual(expected);
  });
});

describe('LoadBalancer diagnostics', () => {
  it('reports unusable ports and endpoints, and skips deleting ones silently', () => {
    const ir = loadBalancerIR({
      loadBalancer: loadBalancer(
        {
          'public-ports': [{ port: 80 }, { port: 80 }, { port: 9, protocol: 'SCTP' }],
          'upstream-clusters': ['c1'],
        },
        tunnels,
      ),
      remoteEndpoints: [
        remoteEndpoint('gone', {}, { deletionTimestamp: '2024-01-01T00:00:00Z' }),
        remoteEndpoint('stranger', { cluster: 'c9' }),
        remoteEndpoint('waiting', { 'node-address': '192.168.1.77' }),
        remoteEndpoint('tunnelled', { address: '10.0.0.3', 'node-address': '192.168.1.16' }),
      ],
    });
    expect(ir.diagnostics).toEqual([
      {
        object: 'LoadBalancer epic-test/lb',
        message: 'public port TCP/80 is listed twice; the first one is used',
      },
      {
        object: 'LoadBalancer epic-test/lb',
        message: 'public port SCTP/9: Envoy proxies TCP and UDP only; port skipped',
      },
      {
        object: 'RemoteEndpoint epic-test/stranger',
        message: 'cluster "c9" is not in the LoadBalancer\'s upstream-clusters; endpoint skipped',
      },
      {
        object: 'RemoteEndpoint epic-test/waiting',
        message: 'waiting for a tunnel ID for client node 192.168.1.77; endpoint skipped',
      },
    ]);
    expect(ir.clusters[0]!.endpoints).toEqual([
      {
        address: '10.0.0.3',
        port: 8080,
        protocol: 'TCP',
        nodeAddress: '192.168.1.16',
        tunnelId: 5,
      },
    ]);
    expect(ir.listeners).toHaveLength(1);
  });

  it('names the display name after the LB when it has none', () => {
    expect(loadBalancerIR({ loadBalancer: loadBalancer(), remoteEndpoints: [] }).displayName).toBe(
      'lb',
    );
    expect(
      loadBalancerIR({ loadBalancer: loadBalancer({ 'display-name': 'web' }), remoteEndpoints: [] })
        .displayName,
    ).toBe('web');
  });

  it('refuses a proxy without namespace or name (a caller bug)', () => {
    const lb = { ...loadBalancer(), metadata: { name: 'x' } };
    expect(() => loadBalancerIR({ loadBalancer: lb, remoteEndpoints: [] })).toThrow(
      'needs metadata.namespace and metadata.name',
    );
  });
});
