// Gateway stories: attachment, conflicts, weights, listener merging, backends and slices.
import { describe, expect, it } from 'vitest';
import { gwProxyIR } from './gateway-ir.js';
import type { JsonObject } from './json.js';
import { renderGWProxy } from './render-proxy.js';
import { defaultEnvoyTemplate } from './template/default-template.js';
import { endpointSlice, gwProxy, httpRoute, tcpRoute } from './testdata/builders.js';

const web = { name: 'web', protocol: 'HTTP', port: 80 };
const messages = (ir: { diagnostics: readonly { object: string; message: string }[] }) =>
  ir.diagnostics.map((d) => `${d.object}: ${d.message}`);

function routesOf(resource: JsonObject | undefined) {
  const hosts = (resource?.['virtual_hosts'] ?? []) as { name: string; routes: JsonObject[] }[];
  return Object.fromEntries(hosts.map((h) => [h.name, h.routes.map((r) => r['name'])]));
}

describe('attachment', () => {
  it('follows sectionName, port and namespace; ignores other proxies and deleting routes', () => {
    const proxy = gwProxy([web, { name: 'alt', protocol: 'HTTP', port: 8080 }]);
    const routes = [
      httpRoute('all', { rules: [{ backendRefs: [{ name: 's' }] }] }),
      httpRoute('by-section', {
        parentRefs: [{ name: 'gw', sectionName: 'alt' }],
        rules: [{ matches: [{ path: { value: '/s' } }], backendRefs: [{ name: 's' }] }],
      }),
      httpRoute('by-port', {
        parentRefs: [{ name: 'gw', port: 80 }],
        rules: [{ matches: [{ path: { value: '/p' } }], backendRefs: [{ name: 's' }] }],
      }),
      httpRoute('other-ns', {
        parentRefs: [{ name: 'gw', namespace: 'elsewhere' }],
        rules: [{ backendRefs: [{ name: 's' }] }],
      }),
      httpRoute('other-proxy', {
        parentRefs: [{ name: 'not-gw' }],
        rules: [{ backendRefs: [{ name: 's' }] }],
      }),
      {
        ...httpRoute('deleting', {
          rules: [{ matches: [{ path: { value: '/d' } }], backendRefs: [{ name: 's' }] }],
        }),
        metadata: {
          name: 'deleting',
          namespace: 'epic-test',
          deletionTimestamp: '2024-01-02T00:00:00Z',
        },
      },
    ];
    const { resources, diagnostics } = renderGWProxy({ proxy, routes, slices: [] });
    expect(resources.routes.map((r) => routesOf(r.resource))).toEqual([
      { '*': ['by-port/rule/0/match/0', 'all/rule/0/match/0'] },
      { '*': ['by-section/rule/0/match/0', 'all/rule/0/match/0'] },
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('reports a route that names a listener of the wrong kind, not one that attaches to all', () => {
    const proxy = gwProxy([web, { name: 'db', protocol: 'TCP', port: 5432 }]);
    const ir = gwProxyIR({
      proxy,
      routes: [
        httpRoute('h', { rules: [{ backendRefs: [{ name: 's' }] }] }),
        tcpRoute('t', {
          parentRefs: [{ name: 'gw', sectionName: 'web' }],
          rules: [{ backendRefs: [{ name: 's' }] }],
        }),
        httpRoute('h2', {
          parentRefs: [{ name: 'gw', sectionName: 'db' }],
          rules: [{ backendRefs: [{ name: 's' }] }],
        }),
      ],
      slices: [],
    });
    expect(messages(ir)).toEqual([
      'GWRoute epic-test/t: a TCPRoute cannot attach to HTTP port 80; ignored there',
      'GWRoute epic-test/h2: an HTTPRoute cannot attach to TCP port 5432; ignored there',
      'GWProxy epic-test/gw: TCP port 5432 has no TCPRoute with a usable backend; listener not rendered',
    ]);
  });
});

describe('conflicts are settled by age, then name, never by input order', () => {
  const proxy = gwProxy([{ name: 'db', protocol: 'TCP', port: 5432 }]);
  const older = tcpRoute(
    'zz-older',
    { rules: [{ backendRefs: [{ name: 'old' }] }] },
    '2024-01-01T00:00:00Z',
  );
  const sameAgeA = tcpRoute(
    'aa-same',
    { rules: [{ backendRefs: [{ name: 'a' }] }] },
    '2024-02-01T00:00:00Z',
  );
  const sameAgeB = tcpRoute(
    'bb-same',
    { rules: [{ backendRefs: [{ name: 'b' }] }] },
    '2024-02-01T00:00:00Z',
  );

  it.each([
    [[older, sameAgeA, sameAgeB], 'epic-test-old'],
    [[sameAgeB, sameAgeA, older], 'epic-test-old'],
    [[sameAgeB, sameAgeA], 'epic-test-a'],
    [[sameAgeA, sameAgeB], 'epic-test-a'],
  ])('TCPRoutes %#', (routes, winner) => {
    const ir = gwProxyIR({ proxy, routes, slices: [] });
    expect(ir.listeners[0]!.backends).toEqual([{ cluster: winner, weight: 1 }]);
  });

  it('two HTTPRoutes with the same match: the older one serves, the newer is reported', () => {
    const routes = [
      httpRoute(
        'newer',
        { rules: [{ matches: [{ path: { value: '/x' } }], backendRefs: [{ name: 'n' }] }] },
        '2024-02-01T00:00:00Z',
      ),
      httpRoute(
        'older',
        { rules: [{ matches: [{ path: { value: '/x' } }], backendRefs: [{ name: 'o' }] }] },
        '2024-01-01T00:00:00Z',
      ),
    ];
    const ir = gwProxyIR({ proxy: gwProxy([web]), routes, slices: [] });
    expect(ir.routeConfigs[0]!.virtualHosts[0]!.routes.map((r) => r.name)).toEqual([
      'older/rule/0/match/0',
    ]);
    expect(messages(ir)).toEqual([
      'GWRoute epic-test/newer: newer/rule/0/match/0 on * is shadowed by an older route with the same match',
    ]);
  });
});

describe('backends', () => {
  function actionOf(backendRefs: object[]) {
    const { resources } = renderGWProxy({
      proxy: gwProxy([web]),
      routes: [httpRoute('r', { rules: [{ backendRefs } as never] })],
      slices: [],
    });
    const route = (resources.routes[0]!.resource['virtual_hosts'] as { routes: JsonObject[] }[])[0]!
      .routes[0]!;
    return route['route'] ?? route['direct_response'];
  }

  it.each([
    ['one backend: a plain cluster', [{ name: 's' }], { cluster: 'epic-test-s' }],
    [
      'weights split traffic',
      [
        { name: 'a', weight: 3 },
        { name: 'b', port: 8080, weight: 1 },
      ],
      {
        weighted_clusters: {
          clusters: [
            { name: 'epic-test-a', weight: 3 },
            { name: 'epic-test-b-8080', weight: 1 },
          ],
        },
      },
    ],
    [
      'the same backend twice adds up',
      [
        { name: 'a', weight: 1 },
        { name: 'a', weight: 2 },
        { name: 'b', weight: 1 },
      ],
      {
        weighted_clusters: {
          clusters: [
            { name: 'epic-test-a', weight: 3 },
            { name: 'epic-test-b', weight: 1 },
          ],
        },
      },
    ],
    [
      'weight 0 takes no traffic',
      [{ name: 'a', weight: 0 }, { name: 'b' }],
      { cluster: 'epic-test-b' },
    ],
    ['no usable backend answers 500', [{ name: 'a', weight: 0 }], { status: 500 }],
    ['no backend at all answers 500', [], { status: 500 }],
    [
      'a backend that is not a Service is left out',
      [{ name: 'x', kind: 'Bucket', group: 'storage.example' }],
      { status: 500 },
    ],
  ])('%s', (_what, refs, expected) => {
    expect(actionOf(refs)).toEqual(expected);
  });

  it('reports filters it cannot apply yet', () => {
    const ir = gwProxyIR({
      proxy: gwProxy([web]),
      routes: [
        httpRoute('r', {
          rules: [{ filters: [{ type: 'RequestRedirect' }], backendRefs: [{ name: 's' }] }],
        }),
      ],
      slices: [],
    });
    expect(messages(ir)).toEqual([
      'GWRoute epic-test/r: rule 0: filters are not supported yet; rendered without them',
    ]);
  });
});

describe('listener merging (the original emitted duplicate listeners at random)', () => {
  const listeners = [
    { name: 'a', protocol: 'HTTP', port: 80, hostname: 'a.example.com' },
    { name: 'b', protocol: 'HTTPS', port: 443, hostname: 'b.example.com' },
    { name: 'c', protocol: 'HTTP', port: 80, hostname: 'c.example.com' },
  ];
  const routes = [httpRoute('r', { rules: [{ backendRefs: [{ name: 's' }] }] })];
  const https = {
    ...defaultEnvoyTemplate,
    envoyResources: {
      listeners: [
        ...defaultEnvoyTemplate.envoyResources.listeners!,
        {
          name: 'https',
          value: defaultEnvoyTemplate.envoyResources.listeners!.find((l) => l.name === 'http')!
            .value,
        },
      ],
    },
  };

  it('gives {80/HTTP a, 443/HTTPS b, 80/HTTP c} exactly two listeners, one per port', () => {
    const { resources } = renderGWProxy({
      proxy: gwProxy(listeners),
      routes,
      slices: [],
      template: https,
    });
    expect(resources.listeners.map((l) => l.name)).toEqual([
      'epic-test-gw-tcp-80',
      'epic-test-gw-tcp-443',
    ]);
    expect(resources.routes.map((r) => Object.keys(routesOf(r.resource)))).toEqual([
      ['a.example.com', 'c.example.com'],
      ['b.example.com'],
    ]);
  });

  it('skips and reports an HTTPS port when the template has no https listener', () => {
    const { resources, diagnostics } = renderGWProxy({
      proxy: gwProxy(listeners),
      routes,
      slices: [],
    });
    expect(resources.listeners.map((l) => l.name)).toEqual(['epic-test-gw-tcp-80']);
    expect(resources.routes).toHaveLength(1);
    expect(diagnostics).toEqual([
      {
        object: 'GWProxy epic-test/gw',
        message:
          'port 443 needs a "https" listener template, and the envoy-template has none; not rendered',
      },
    ]);
  });
});

describe('slices', () => {
  const proxy = gwProxy([web], {});
  const withTunnels = {
    ...proxy,
    status: { 'gue-tunnel-endpoints': { '192.168.1.16': { 'tunnel-id': 9 } } },
  };
  const route = httpRoute('r', { rules: [{ backendRefs: [{ name: 'svc', port: 9000 }] }] });

  function endpointsOf(slices: ReturnType<typeof endpointSlice>[]) {
    const ir = gwProxyIR({ proxy: withTunnels, routes: [route], slices });
    return {
      endpoints: ir.clusters[0]!.endpoints.map(
        (e) => `${e.address}:${e.port}/${e.tunnelId ?? '-'}`,
      ),
      diagnostics: messages(ir),
    };
  }

  it('serves ready endpoints on the backend port, through the node tunnel found by nodeName', () => {
    const slice = endpointSlice(
      's1',
      'svc',
      [
        { addresses: ['10.0.0.1', '10.0.0.2'], nodeName: 'n1' },
        { addresses: ['10.0.0.3'], conditions: { ready: false }, 'node-address': '192.168.1.16' },
        { addresses: ['10.0.0.4'] },
      ],
      [
        { name: 'metrics', port: 9100, protocol: 'TCP' },
        { name: 'http', port: 9000, protocol: 'TCP' },
      ],
    );
    expect(
      endpointsOf([{ ...slice, spec: { ...slice.spec, nodeAddresses: { n1: '192.168.1.16' } } }]),
    ).toEqual({
      endpoints: ['10.0.0.1:9000/9', '10.0.0.2:9000/9', '10.0.0.4:9000/-'],
      diagnostics: [],
    });
  });

  it('ignores other Services and deleting slices, and reports slices it cannot use', () => {
    const other = endpointSlice('other', 'not-svc', [{ addresses: ['10.9.9.9'] }]);
    const gone = {
      ...endpointSlice('gone', 'svc', [{ addresses: ['10.0.0.8'] }]),
      metadata: { name: 'gone', namespace: 'epic-test', deletionTimestamp: 'x' },
    };
    const portless = endpointSlice('portless', 'svc', [{ addresses: ['10.0.0.5'] }], []);
    const sctp = endpointSlice(
      'sctp',
      'svc',
      [{ addresses: ['10.0.0.6'] }],
      [{ port: 9000, protocol: 'SCTP' }],
    );
    expect(endpointsOf([other, gone, portless, sctp])).toEqual({
      endpoints: [],
      diagnostics: [
        'GWEndpointSlice epic-test/portless: the slice lists no port; slice skipped',
        'GWEndpointSlice epic-test/sctp: port 9000/SCTP is neither TCP nor UDP; slice skipped',
      ],
    });
  });
});

describe('a Gateway without listeners', () => {
  it('renders nothing and says so', () => {
    const { resources, diagnostics } = renderGWProxy({
      proxy: gwProxy([]),
      routes: [],
      slices: [],
    });
    expect(resources).toEqual({
      nodeId: 'epic-test.gw',
      listeners: [],
      routes: [],
      clusters: [],
      endpoints: [],
    });
    expect(diagnostics).toEqual([
      { object: 'GWProxy epic-test/gw', message: 'the Gateway has no listeners; nothing to serve' },
    ]);
  });
});
