import { describe, expect, it } from 'vitest';
import { apiVersionV1, GWEndpointSlice, GWProxy, GWRoute } from '@epic/model';
import { backendUids, gwProxyEndpoints, routeNamesProxy } from './gw-proxy-endpoints.js';

const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  namespace: 'epic-acme',
  name,
  ...extra,
});
const proxy = GWProxy.parse({
  apiVersion: apiVersionV1,
  kind: 'GWProxy',
  metadata: meta('gw'),
  spec: {},
});

function httpRoute(name: string, parents: string[], backends: string[], extra = {}) {
  return GWRoute.parse({
    apiVersion: apiVersionV1,
    kind: 'GWRoute',
    metadata: meta(name, extra),
    spec: {
      http: {
        parentRefs: parents.map((p) => ({ name: p })),
        rules: [{ backendRefs: backends.map((b) => ({ name: b })) }],
      },
    },
  });
}

function tcpRoute(name: string, parent: string, backend: string) {
  return GWRoute.parse({
    apiVersion: apiVersionV1,
    kind: 'GWRoute',
    metadata: meta(name),
    spec: {
      tcp: { parentRefs: [{ name: parent }], rules: [{ backendRefs: [{ name: backend }] }] },
    },
  });
}

function slice(name: string, serviceUid: string, address: string, extra = {}) {
  return GWEndpointSlice.parse({
    apiVersion: apiVersionV1,
    kind: 'GWEndpointSlice',
    metadata: meta(name, extra),
    spec: {
      parentRef: { uid: serviceUid },
      addressType: 'IPv4',
      endpoints: [{ addresses: [address], 'node-address': '192.168.1.16' }],
      ports: [{ port: 8080, protocol: 'TCP' }],
    },
  });
}

describe('gwProxyEndpoints', () => {
  it('follows routes naming the proxy to the slices of their backends, once each', () => {
    const routes = [
      httpRoute('web', ['gw', 'other'], ['svc-a', 'svc-a']),
      tcpRoute('db', 'gw', 'svc-b'),
      httpRoute('elsewhere', ['other'], ['svc-c']),
      httpRoute('leaving', ['gw'], ['svc-d'], { deletionTimestamp: '2024-01-01T00:00:00Z' }),
    ];
    const slices = [
      slice('a', 'svc-a', '10.1.0.1'),
      slice('b', 'svc-b', '10.1.0.2'),
      slice('c', 'svc-c', '10.1.0.3'),
      slice('d', 'svc-d', '10.1.0.4'),
      slice('b-gone', 'svc-b', '10.1.0.5', { deletionTimestamp: '2024-01-01T00:00:00Z' }),
    ];
    expect(gwProxyEndpoints(proxy, { routes, slices }).map((e) => e.address)).toEqual([
      '10.1.0.1',
      '10.1.0.2',
    ]);
  });

  it.each([
    [httpRoute('r', ['gw'], []), true],
    [httpRoute('r', ['other'], []), false],
    [
      GWRoute.parse({
        apiVersion: apiVersionV1,
        kind: 'GWRoute',
        metadata: meta('r'),
        spec: { http: { parentRefs: [{ name: 'gw', namespace: 'epic-other' }] } },
      }),
      false,
    ],
  ])('routeNamesProxy %#', (route, expected) => {
    expect(routeNamesProxy(route, proxy)).toBe(expected);
  });

  it('backendUids lists every rule backend', () => {
    expect(backendUids(httpRoute('r', ['gw'], ['x', 'y']))).toEqual(['x', 'y']);
  });
});
