import {
  Account,
  apiVersionV1,
  GWEndpointSlice,
  GWProxy,
  LoadBalancer,
  RemoteEndpoint,
} from '@epic/model';
import { describe, expect, it } from 'vitest';
import {
  endpointsFromSlices,
  epicNodeFromNode,
  proxyPodFromPod,
  tunnelProxyFromGWProxy,
  tunnelProxyFromLoadBalancer,
} from './from-objects.js';

const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  namespace: 'epic-root',
  resourceVersion: '1',
  ...extra,
});

const account = Account.parse({
  apiVersion: apiVersionV1,
  kind: 'Account',
  metadata: meta('root'),
  spec: { 'group-id': 3 },
});

// The seed's LoadBalancer, kept exactly.
const lb = LoadBalancer.parse({
  apiVersion: apiVersionV1,
  kind: 'LoadBalancer',
  metadata: meta('sample-acnodal'),
  spec: {
    'service-id': 1,
    'public-address': '192.168.77.2',
    'public-ports': [{ nodePort: 30390, port: 8888, protocol: 'TCP', targetPort: 8080 }],
    'service-group': 'sample',
  },
  status: {
    'gue-tunnel-endpoints': {
      '192.168.1.16': {
        'epic-address': '192.168.1.40',
        'epic-port': { appProtocol: 'gue', port: 6080, protocol: 'UDP' },
        'tunnel-id': 2,
      },
      '192.168.1.25': {
        'epic-address': '192.168.1.40',
        'epic-port': { appProtocol: 'gue', port: 6080, protocol: 'UDP' },
        'tunnel-id': 1,
      },
    },
    'proxy-ifindex': 16,
    'proxy-ifname': 'veth67060f1f',
  },
});

const rep = (
  name: string,
  address: string,
  nodeAddress: string | undefined,
  extra: Record<string, unknown> = {},
) =>
  RemoteEndpoint.parse({
    apiVersion: apiVersionV1,
    kind: 'RemoteEndpoint',
    metadata: meta(name, extra),
    spec: {
      cluster: 'c1',
      address,
      ...(nodeAddress ? { 'node-address': nodeAddress } : {}),
      port: { port: 8080, protocol: 'TCP' },
    },
  });

describe('tunnelProxyFromLoadBalancer', () => {
  it('takes the IDs, the key, the tunnel map and the live endpoints', () => {
    const proxy = tunnelProxyFromLoadBalancer({
      lb,
      account,
      remoteEndpoints: [
        rep('a', '10.1.0.7', '192.168.1.16'),
        rep('b', '10.1.1.3', '192.168.1.25'),
        rep('gone', '10.1.1.4', '192.168.1.25', { deletionTimestamp: '2024-01-01T00:00:00Z' }),
        rep('adhoc', '10.9.9.9', undefined),
      ],
    });
    expect(proxy).toEqual({
      ref: { kind: 'LoadBalancer', namespace: 'epic-root', name: 'sample-acnodal' },
      deleting: false,
      groupId: 3,
      serviceId: 1,
      tunnelKey: undefined,
      tunnels: lb.status!['gue-tunnel-endpoints'],
      endpoints: [
        { address: '10.1.0.7', port: 8080, protocol: 'TCP', nodeAddress: '192.168.1.16' },
        { address: '10.1.1.3', port: 8080, protocol: 'TCP', nodeAddress: '192.168.1.25' },
        { address: '10.9.9.9', port: 8080, protocol: 'TCP', nodeAddress: undefined },
      ],
    });
  });

  it('reads a deletion and treats a 0 ID as none', () => {
    const deleting = {
      ...lb,
      metadata: { ...lb.metadata, deletionTimestamp: '2024-01-01T00:00:00Z' },
      spec: { ...lb.spec, 'service-id': 0 },
    };
    const zero = { ...account, spec: { ...account.spec, 'group-id': 0 } };
    expect(
      tunnelProxyFromLoadBalancer({ lb: deleting, account: zero, remoteEndpoints: [] }),
    ).toMatchObject({ deleting: true, groupId: undefined, serviceId: undefined });
  });
});

describe('GWProxies and their slices', () => {
  it('endpointsFromSlices: every address x numbered port of ready IPv4 endpoints', () => {
    const slice = (addressType: string, endpoints: unknown[], ports: unknown[]) =>
      GWEndpointSlice.parse({
        apiVersion: apiVersionV1,
        kind: 'GWEndpointSlice',
        metadata: meta('s'),
        spec: { parentRef: { uid: 'svc-uid' }, addressType, endpoints, ports },
      });
    expect(
      endpointsFromSlices([
        slice(
          'IPv4',
          [
            { addresses: ['10.1.0.7', '10.1.0.8'], 'node-address': '192.168.1.16' },
            {
              addresses: ['10.1.0.9'],
              'node-address': '192.168.1.16',
              conditions: { ready: false },
            },
            {
              addresses: ['10.1.1.3'],
              'node-address': '192.168.1.25',
              conditions: { ready: true },
            },
          ],
          [{ port: 8080, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }, { name: 'unnumbered' }],
        ),
        slice('IPv6', [{ addresses: ['fd00::1'], 'node-address': '192.168.1.16' }], [{ port: 80 }]),
      ]),
    ).toEqual([
      { address: '10.1.0.7', port: 8080, protocol: 'TCP', nodeAddress: '192.168.1.16' },
      { address: '10.1.0.7', port: 53, protocol: 'UDP', nodeAddress: '192.168.1.16' },
      { address: '10.1.0.8', port: 8080, protocol: 'TCP', nodeAddress: '192.168.1.16' },
      { address: '10.1.0.8', port: 53, protocol: 'UDP', nodeAddress: '192.168.1.16' },
      { address: '10.1.1.3', port: 8080, protocol: 'TCP', nodeAddress: '192.168.1.25' },
      { address: '10.1.1.3', port: 53, protocol: 'UDP', nodeAddress: '192.168.1.25' },
    ]);
  });

  it('tunnelProxyFromGWProxy has a group ID but no service ID or key', () => {
    const gwp = GWProxy.parse({
      apiVersion: apiVersionV1,
      kind: 'GWProxy',
      metadata: meta('gw-uid'),
      spec: {},
      status: { 'gue-tunnel-endpoints': {} },
    });
    expect(tunnelProxyFromGWProxy({ proxy: gwp, account, endpoints: [] })).toEqual({
      ref: { kind: 'GWProxy', namespace: 'epic-root', name: 'gw-uid' },
      deleting: false,
      groupId: 3,
      tunnels: {},
      endpoints: [],
    });
  });
});

describe('proxyPodFromPod', () => {
  const envoy = (
    labels: Record<string, string>,
    extra: {
      annotations?: Record<string, string>;
      nodeName?: string;
      deletionTimestamp?: string;
    } = {},
  ) => ({
    metadata: {
      name: 'envoy-0',
      namespace: 'epic-root',
      labels,
      annotations: extra.annotations,
      deletionTimestamp: extra.deletionTimestamp,
    },
    spec: { nodeName: extra.nodeName ?? 'epic-1' },
    status: { podIP: '10.244.0.5' },
  });
  const annotations = { 'epic.acnodal.io/ifindex': '16', 'epic.acnodal.io/ifname': 'veth67060f1f' };

  it.each([
    [
      'a LoadBalancer pod with its veth',
      envoy({ 'epic.acnodal.io/owning-loadbalancer': 'web' }, { annotations }),
      { kind: 'LoadBalancer', name: 'web' },
      { index: 16, name: 'veth67060f1f' },
    ],
    [
      'a GWProxy pod, veth not found yet',
      envoy({ 'epic.acnodal.io/owning-proxy': 'gw' }),
      { kind: 'GWProxy', name: 'gw' },
      undefined,
    ],
    [
      'a bad ifindex annotation counts as unknown',
      envoy(
        { 'epic.acnodal.io/owning-proxy': 'gw' },
        { annotations: { ...annotations, 'epic.acnodal.io/ifindex': '0x10' } },
      ),
      { kind: 'GWProxy', name: 'gw' },
      undefined,
    ],
  ])('%s', (_, pod, proxy, iface) => {
    expect(proxyPodFromPod(pod)).toEqual({
      name: 'envoy-0',
      proxy: { ...proxy, namespace: 'epic-root' },
      nodeName: 'epic-1',
      podIP: '10.244.0.5',
      interface: iface,
      deleting: false,
    });
  });

  it('ignores other pods and pods not yet scheduled, and sees a terminating pod', () => {
    expect(proxyPodFromPod(envoy({ app: 'other' }))).toBeUndefined();
    expect(
      proxyPodFromPod(envoy({ 'epic.acnodal.io/owning-proxy': 'gw' }, { nodeName: '' })),
    ).toBeUndefined();
    expect(
      proxyPodFromPod(envoy({ 'epic.acnodal.io/owning-proxy': 'gw' }, { deletionTimestamp: 'x' }))
        ?.deleting,
    ).toBe(true);
  });
});

describe('epicNodeFromNode', () => {
  it.each([
    [
      [
        { type: 'Hostname', address: 'epic-1' },
        { type: 'InternalIP', address: 'fd00::40' },
        { type: 'InternalIP', address: '192.168.1.40' },
      ],
      { name: 'epic-1', address: '192.168.1.40' },
    ],
    [[{ type: 'ExternalIP', address: '203.0.113.1' }], undefined],
    [undefined, undefined],
  ])('addresses %j -> %j', (addresses, expected) => {
    expect(epicNodeFromNode({ metadata: { name: 'epic-1' }, status: { addresses } })).toEqual(
      expected,
    );
  });
});
