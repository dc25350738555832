// One table of objects and the verdict both the zod schema and the generated CRD must reach.
// Every case is reachable by the CRD alone (types, ranges, enums, patterns, required fields,
// CEL rules): the unit test parses each with zod, an integration test sends each to a real
// kube-apiserver (server-side dry-run) and expects the same verdict, with `field` in the
// message. `field` is printed like the apiserver's schema errors: list indexes in brackets,
// map keys after a dot (`status.gue-tunnel-endpoints.192.168.1.16.tunnel-id`).
// Cases whose `field` starts with `status.` only fail through the status subresource: a
// create drops `status` when the CRD has that subresource.
import { seedEpic, seedLoadBalancer } from './seed.js';

export interface ValidationCase {
  name: string;
  kind: string;
  object: unknown;
  valid: boolean;
  field?: string;
}

const apiVersion = 'epic.acnodal.io/v1';
const userNamespace = 'epic-root';

function object(kind: string, name: string, spec: unknown, extra: object = {}) {
  const namespace = kind === 'EPIC' || kind === 'ServicePrefix' ? 'epic' : userNamespace;
  return { apiVersion, kind, metadata: { name, namespace }, spec, ...extra };
}

const epicSpec = {
  'envoy-image': 'envoyproxy/envoy:v1.36.2',
  'service-cidr': '10.96.0.0/12',
  base: { 'gue-ingress-nics': ['enp1s0'], 'gue-endpoint': { 'epic-address': '192.168.1.40' } },
};

const publicPool = {
  pool: '192.168.77.2-192.168.77.8',
  subnet: '192.168.77.0/24',
  aggregation: 'default',
};

const lbsgSpec = {
  'envoy-replica-count': 2,
  'envoy-template': {
    envoyAPI: 'v3',
    serialization: 'yaml',
    nodeID: 'SET_BY_EPIC',
    envoyResources: { listeners: [{ name: 'SET_BY_EPIC', value: '{{ .ServiceName }}' }] },
  },
};

const lbSpec = {
  'service-group': 'sample',
  'public-address': '192.168.77.2',
  'public-ports': [{ port: 8888, protocol: 'TCP', targetPort: 8080 }],
};

const repSpec = {
  cluster: 'puregw-sample',
  address: '10.244.1.5',
  'node-address': '192.168.1.16',
  port: { port: 8080, protocol: 'TCP' },
};

const gwpSpec = {
  clientRef: { clusterID: 'puregw-sample', namespace: 'puregw', name: 'gw', uid: 'a044f348' },
  'display-name': 'adhoc-cli',
  'public-address': '192.168.79.2',
  'public-ports': [{ port: 8088, protocol: 'TCP', targetPort: 0 }],
  'envoy-replica-count': 1,
  gateway: {
    gatewayClassName: 'gatewayhttp',
    listeners: [{ name: 'web', protocol: 'HTTP', port: 8088, allowedRoutes: { namespaces: {} } }],
    infrastructure: { labels: { team: 'a' } },
  },
};

const httpRoute = {
  parentRefs: [{ name: 'a044f348' }],
  hostnames: ['foo.com'],
  rules: [
    {
      matches: [
        {
          path: { type: 'PathPrefix', value: '/api' },
          headers: [{ name: 'x-env', value: 'prod' }],
          queryParams: [{ type: 'Exact', name: 'v', value: '2' }],
          method: 'GET',
        },
      ],
      backendRefs: [
        { name: 'svc-uid-1', port: 80, weight: 3 },
        { name: 'svc-uid-2', port: 80 },
      ],
    },
  ],
};

const sliceSpec = {
  clientRef: { clusterID: 'puregw-sample', namespace: 'default', name: 'web-abcde', uid: 's1' },
  parentRef: { clusterID: 'puregw-sample', namespace: 'default', name: 'web', uid: 'svc-uid-1' },
  addressType: 'IPv4',
  endpoints: [
    {
      addresses: ['10.244.1.5'],
      conditions: { ready: true },
      nodeName: 'node-a',
      'node-address': '192.168.1.16',
    },
  ],
  ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
};

const withTunnelId = (tunnelId: unknown) => ({
  ...seedLoadBalancer,
  status: {
    'gue-tunnel-endpoints': {
      '192.168.1.16': { 'epic-address': '192.168.1.40', 'tunnel-id': 2 },
      '192.168.1.25': {
        'epic-address': '192.168.1.40',
        'tunnel-id': 1,
        'epic-endpoints': {
          '192.168.1.40': { 'epic-address': '192.168.1.40', 'tunnel-id': 1 },
          '192.168.1.41': { 'epic-address': '192.168.1.41', 'tunnel-id': tunnelId },
        },
      },
    },
  },
});

export const validationCases: ValidationCase[] = [
  // EPIC
  { name: 'seed EPIC singleton', kind: 'EPIC', object: seedEpic, valid: true },
  {
    name: 'EPIC with full spec',
    kind: 'EPIC',
    object: object('EPIC', 'epic', epicSpec),
    valid: true,
  },
  {
    name: 'EPIC service-cidr not a CIDR',
    kind: 'EPIC',
    object: object('EPIC', 'epic', { ...epicSpec, 'service-cidr': '10.96.0.0' }),
    valid: false,
    field: 'spec.service-cidr',
  },
  {
    name: 'EPIC gue-endpoint address not an IP',
    kind: 'EPIC',
    object: object('EPIC', 'epic', { base: { 'gue-endpoint': { 'epic-address': 'epic-node-1' } } }),
    valid: false,
    field: 'spec.base.gue-endpoint.epic-address',
  },
  {
    name: 'EPIC gue port 70000',
    kind: 'EPIC',
    object: object('EPIC', 'epic', { base: { 'gue-endpoint': { 'epic-port': { port: 70000 } } } }),
    valid: false,
    field: 'spec.base.gue-endpoint.epic-port.port',
  },
  {
    name: 'EPIC negative current-tunnel-id',
    kind: 'EPIC',
    object: object('EPIC', 'epic', {}, { status: { 'current-tunnel-id': -1 } }),
    valid: false,
    field: 'status.current-tunnel-id',
  },
  {
    name: 'EPIC current-group-id beyond uint16',
    kind: 'EPIC',
    object: object('EPIC', 'epic', {}, { status: { 'current-group-id': 70000 } }),
    valid: false,
    field: 'status.current-group-id',
  },
  // Account
  {
    name: 'Account with empty spec',
    kind: 'Account',
    object: object('Account', 'root', {}),
    valid: true,
  },
  {
    name: 'Account with group-id and proxyLimit',
    kind: 'Account',
    object: object(
      'Account',
      'root',
      { 'group-id': 7, proxyLimit: 5 },
      { status: { 'current-service-id': 3 } },
    ),
    valid: true,
  },
  {
    name: 'Account group-id 70000',
    kind: 'Account',
    object: object('Account', 'root', { 'group-id': 70000 }),
    valid: false,
    field: 'spec.group-id',
  },
  {
    name: 'Account negative proxyLimit',
    kind: 'Account',
    object: object('Account', 'root', { proxyLimit: -1 }),
    valid: false,
    field: 'spec.proxyLimit',
  },
  {
    name: 'Account proxyLimit as a string',
    kind: 'Account',
    object: object('Account', 'root', { proxyLimit: '20' }),
    valid: false,
    field: 'spec.proxyLimit',
  },
  // ServicePrefix
  {
    name: 'ServicePrefix with a range pool',
    kind: 'ServicePrefix',
    object: object('ServicePrefix', 'default', { 'public-pool': publicPool }),
    valid: true,
  },
  {
    name: 'ServicePrefix IPv6 CIDR pool with an IPv4 alt-pool',
    kind: 'ServicePrefix',
    object: object('ServicePrefix', 'v6', {
      'public-pool': { pool: '2001:db8:77::/120', subnet: '2001:db8:77::/64', aggregation: '/128' },
      'alt-pool': { pool: '192.168.78.2 - 192.168.78.8', subnet: '192.168.78.0/24' },
    }),
    valid: true,
  },
  {
    name: 'ServicePrefix without subnet',
    kind: 'ServicePrefix',
    object: object('ServicePrefix', 'default', { 'public-pool': { pool: '10.0.0.0/24' } }),
    valid: false,
    field: 'spec.public-pool.subnet',
  },
  {
    name: 'ServicePrefix aggregation /200',
    kind: 'ServicePrefix',
    object: object('ServicePrefix', 'default', {
      'public-pool': { ...publicPool, aggregation: '/200' },
    }),
    valid: false,
    field: 'spec.public-pool.aggregation',
  },
  {
    name: 'ServicePrefix pool neither CIDR nor range',
    kind: 'ServicePrefix',
    object: object('ServicePrefix', 'default', {
      'public-pool': { ...publicPool, pool: '192.168.77.2' },
    }),
    valid: false,
    field: 'spec.public-pool.pool',
  },
  {
    name: 'ServicePrefix subnet not a CIDR',
    kind: 'ServicePrefix',
    object: object('ServicePrefix', 'default', {
      'public-pool': { ...publicPool, subnet: '192.168.77.0/33' },
    }),
    valid: false,
    field: 'spec.public-pool.subnet',
  },
  // LBServiceGroup
  {
    name: 'LBServiceGroup with an Envoy template',
    kind: 'LBServiceGroup',
    object: object('LBServiceGroup', 'sample', lbsgSpec),
    valid: true,
  },
  {
    name: 'LBServiceGroup replica count as a string',
    kind: 'LBServiceGroup',
    object: object('LBServiceGroup', 'sample', { ...lbsgSpec, 'envoy-replica-count': 'two' }),
    valid: false,
    field: 'spec.envoy-replica-count',
  },
  {
    name: 'LBServiceGroup without envoy-template',
    kind: 'LBServiceGroup',
    object: object('LBServiceGroup', 'sample', { 'can-be-shared': true }),
    valid: false,
    field: 'spec.envoy-template',
  },
  {
    name: 'LBServiceGroup endpoint-template TTL as a string',
    kind: 'LBServiceGroup',
    object: object('LBServiceGroup', 'sample', {
      ...lbsgSpec,
      'endpoint-template': { recordTTL: '180' },
    }),
    valid: false,
    field: 'spec.endpoint-template.recordTTL',
  },
  {
    name: 'LBServiceGroup dnsName template with every placeholder',
    kind: 'LBServiceGroup',
    object: object('LBServiceGroup', 'sample', {
      ...lbsgSpec,
      'endpoint-template': {
        dnsName:
          '{{.LBName}}.{{ .LBSGName }}.{{.PureLBServiceName}}.{{.ClusterServiceName}}.' +
          '{{.ClusterServiceNS}}.{{.Account}}.{{.IPAddress}}.example.com',
      },
    }),
    valid: true,
  },
  {
    name: 'LBServiceGroup dnsName template with an unknown placeholder',
    kind: 'LBServiceGroup',
    object: object('LBServiceGroup', 'sample', {
      ...lbsgSpec,
      'endpoint-template': { dnsName: '{{.Namespace}}.client.acnodal.io' },
    }),
    valid: false,
    field: 'spec.endpoint-template.dnsName',
  },
  {
    name: 'LBServiceGroup dnsName template with a Go pipeline',
    kind: 'LBServiceGroup',
    object: object('LBServiceGroup', 'sample', {
      ...lbsgSpec,
      'endpoint-template': { dnsName: '{{ .LBName | html }}.client.acnodal.io' },
    }),
    valid: false,
    field: 'spec.endpoint-template.dnsName',
  },
  // LoadBalancer
  { name: 'seed LoadBalancer', kind: 'LoadBalancer', object: seedLoadBalancer, valid: true },
  {
    name: 'LoadBalancer with per-EPIC-node tunnels',
    kind: 'LoadBalancer',
    object: withTunnelId(3),
    valid: true,
  },
  {
    name: 'LoadBalancer port 70000',
    kind: 'LoadBalancer',
    object: object('LoadBalancer', 'sample-web', { ...lbSpec, 'public-ports': [{ port: 70000 }] }),
    valid: false,
    field: 'spec.public-ports[0].port',
  },
  {
    name: 'LoadBalancer tunnel-id as a string',
    kind: 'LoadBalancer',
    object: {
      ...seedLoadBalancer,
      status: {
        'gue-tunnel-endpoints': {
          '192.168.1.16': { 'epic-address': '192.168.1.40', 'tunnel-id': 'two' },
        },
      },
    },
    valid: false,
    field: 'status.gue-tunnel-endpoints.192.168.1.16.tunnel-id',
  },
  {
    name: 'LoadBalancer per-EPIC-node tunnel-id beyond uint32',
    kind: 'LoadBalancer',
    object: withTunnelId(4294967296),
    valid: false,
    field: 'status.gue-tunnel-endpoints.192.168.1.25.epic-endpoints.192.168.1.41.tunnel-id',
  },
  {
    name: 'LoadBalancer port 80 twice',
    kind: 'LoadBalancer',
    object: object('LoadBalancer', 'sample-web', {
      ...lbSpec,
      'public-ports': [
        { port: 80, protocol: 'TCP' },
        { port: 80, protocol: 'TCP', targetPort: 8081 },
      ],
    }),
    valid: false,
    field: 'spec.public-ports',
  },
  {
    name: 'LoadBalancer port 53 twice, once with the default protocol',
    kind: 'LoadBalancer',
    object: object('LoadBalancer', 'sample-web', {
      ...lbSpec,
      'public-ports': [{ port: 53 }, { port: 53, protocol: 'TCP' }],
    }),
    valid: false,
    field: 'spec.public-ports',
  },
  {
    name: 'LoadBalancer port 53 over TCP and UDP',
    kind: 'LoadBalancer',
    object: object('LoadBalancer', 'sample-web', {
      ...lbSpec,
      'public-ports': [
        { port: 53, protocol: 'TCP' },
        { port: 53, protocol: 'UDP' },
      ],
    }),
    valid: true,
  },
  {
    name: 'LoadBalancer negative service-id',
    kind: 'LoadBalancer',
    object: object('LoadBalancer', 'sample-web', { ...lbSpec, 'service-id': -1 }),
    valid: false,
    field: 'spec.service-id',
  },
  {
    name: 'LoadBalancer protocol ICMP',
    kind: 'LoadBalancer',
    object: object('LoadBalancer', 'sample-web', {
      ...lbSpec,
      'public-ports': [{ port: 80, protocol: 'ICMP' }],
    }),
    valid: false,
    field: 'spec.public-ports[0].protocol',
  },
  {
    name: 'LoadBalancer public-address not an IP',
    kind: 'LoadBalancer',
    object: object('LoadBalancer', 'sample-web', { ...lbSpec, 'public-address': '192.168.77.256' }),
    valid: false,
    field: 'spec.public-address',
  },
  {
    name: 'LoadBalancer without service-group',
    kind: 'LoadBalancer',
    object: object('LoadBalancer', 'sample-web', { 'public-address': '192.168.77.2' }),
    valid: false,
    field: 'spec.service-group',
  },
  {
    name: 'LoadBalancer service-group not a DNS label',
    kind: 'LoadBalancer',
    object: object('LoadBalancer', 'sample-web', { ...lbSpec, 'service-group': 'Sample_Group' }),
    valid: false,
    field: 'spec.service-group',
  },
  {
    name: 'LoadBalancer tunnel-key not 128 bits of base64',
    kind: 'LoadBalancer',
    object: object('LoadBalancer', 'sample-web', { ...lbSpec, 'tunnel-key': 'c2VjcmV0' }),
    valid: false,
    field: 'spec.tunnel-key',
  },
  {
    name: 'LoadBalancer with a valid tunnel-key',
    kind: 'LoadBalancer',
    object: object('LoadBalancer', 'sample-web', {
      ...lbSpec,
      'tunnel-key': 'q83vEjRWeJCrze8SNFZ4kA==',
    }),
    valid: true,
  },
  {
    name: 'LoadBalancer without spec',
    kind: 'LoadBalancer',
    object: {
      apiVersion,
      kind: 'LoadBalancer',
      metadata: { name: 'no-spec', namespace: userNamespace },
    },
    valid: false,
    field: 'spec',
  },
  // RemoteEndpoint
  {
    name: 'RemoteEndpoint',
    kind: 'RemoteEndpoint',
    object: object('RemoteEndpoint', 'ep-1', repSpec),
    valid: true,
  },
  {
    name: 'RemoteEndpoint address not an IP',
    kind: 'RemoteEndpoint',
    object: object('RemoteEndpoint', 'ep-1', { ...repSpec, address: 'pod-a.default' }),
    valid: false,
    field: 'spec.address',
  },
  {
    name: 'RemoteEndpoint IPv4-mapped IPv6 node-address',
    kind: 'RemoteEndpoint',
    object: object('RemoteEndpoint', 'ep-1', { ...repSpec, 'node-address': '::ffff:192.168.1.16' }),
    valid: false,
    field: 'spec.node-address',
  },
  {
    name: 'RemoteEndpoint without cluster',
    kind: 'RemoteEndpoint',
    object: object('RemoteEndpoint', 'ep-1', { address: '10.244.1.5', port: { port: 8080 } }),
    valid: false,
    field: 'spec.cluster',
  },
  {
    name: 'RemoteEndpoint port 0',
    kind: 'RemoteEndpoint',
    object: object('RemoteEndpoint', 'ep-1', { ...repSpec, port: { port: 0 } }),
    valid: false,
    field: 'spec.port.port',
  },
  // GWProxy
  { name: 'GWProxy', kind: 'GWProxy', object: object('GWProxy', 'a044f348', gwpSpec), valid: true },
  {
    name: 'GWProxy port as a string',
    kind: 'GWProxy',
    object: object('GWProxy', 'a044f348', { ...gwpSpec, 'public-ports': [{ port: '8088' }] }),
    valid: false,
    field: 'spec.public-ports[0].port',
  },
  {
    name: 'GWProxy fractional replica count',
    kind: 'GWProxy',
    object: object('GWProxy', 'a044f348', { ...gwpSpec, 'envoy-replica-count': 1.5 }),
    valid: false,
    field: 'spec.envoy-replica-count',
  },
  {
    name: 'GWProxy port 8088 twice',
    kind: 'GWProxy',
    object: object('GWProxy', 'a044f348', {
      ...gwpSpec,
      'public-ports': [{ port: 8088 }, { port: 8088 }],
    }),
    valid: false,
    field: 'spec.public-ports',
  },
  {
    name: 'GWProxy with a valid tunnel-key',
    kind: 'GWProxy',
    object: object('GWProxy', 'a044f348', { ...gwpSpec, 'tunnel-key': 'q83vEjRWeJCrze8SNFZ4kA==' }),
    valid: true,
  },
  {
    name: 'GWProxy tunnel-key of 192 bits',
    kind: 'GWProxy',
    object: object('GWProxy', 'a044f348', {
      ...gwpSpec,
      'tunnel-key': 'q83vEjRWeJCrze8SNFZ4kKvN7xI0',
    }),
    valid: false,
    field: 'spec.tunnel-key',
  },
  {
    name: 'GWProxy listener without port',
    kind: 'GWProxy',
    object: object('GWProxy', 'a044f348', {
      ...gwpSpec,
      gateway: { listeners: [{ name: 'web', protocol: 'HTTP' }] },
    }),
    valid: false,
    field: 'spec.gateway.listeners[0].port',
  },
  // GWRoute
  {
    name: 'GWRoute HTTP',
    kind: 'GWRoute',
    object: object('GWRoute', 'r1', { http: httpRoute }),
    valid: true,
  },
  {
    name: 'GWRoute TCP',
    kind: 'GWRoute',
    object: object('GWRoute', 'r2', {
      tcp: {
        parentRefs: [{ name: 'a044f348' }],
        rules: [{ backendRefs: [{ name: 'svc-uid-1', port: 5432 }] }],
      },
    }),
    valid: true,
  },
  {
    name: 'GWRoute with both http and tcp',
    kind: 'GWRoute',
    object: object('GWRoute', 'r3', { http: httpRoute, tcp: { rules: [{}] } }),
    valid: false,
    field: 'spec',
  },
  {
    name: 'GWRoute backend weight beyond 1000000',
    kind: 'GWRoute',
    object: object('GWRoute', 'r4', {
      http: { rules: [{ backendRefs: [{ name: 'svc-uid-1', weight: 2000000 }] }] },
    }),
    valid: false,
    field: 'spec.http.rules[0].backendRefs[0].weight',
  },
  {
    name: 'GWRoute path match type Prefix',
    kind: 'GWRoute',
    object: object('GWRoute', 'r5', {
      http: { rules: [{ matches: [{ path: { type: 'Prefix', value: '/' } }] }] },
    }),
    valid: false,
    field: 'spec.http.rules[0].matches[0].path.type',
  },
  {
    name: 'GWRoute IP address hostname',
    kind: 'GWRoute',
    object: object('GWRoute', 'r6', { http: { ...httpRoute, hostnames: ['192.168.1.1'] } }),
    valid: false,
    field: 'spec.http.hostnames[0]',
  },
  // GWEndpointSlice
  {
    name: 'GWEndpointSlice',
    kind: 'GWEndpointSlice',
    object: object('GWEndpointSlice', 's1', sliceSpec),
    valid: true,
  },
  {
    name: 'GWEndpointSlice addressType IPv5',
    kind: 'GWEndpointSlice',
    object: object('GWEndpointSlice', 's1', { ...sliceSpec, addressType: 'IPv5' }),
    valid: false,
    field: 'spec.addressType',
  },
  {
    name: 'GWEndpointSlice without endpoints',
    kind: 'GWEndpointSlice',
    object: object('GWEndpointSlice', 's1', {
      parentRef: sliceSpec.parentRef,
      addressType: 'IPv4',
    }),
    valid: false,
    field: 'spec.endpoints',
  },
  {
    name: 'GWEndpointSlice node-address not an IP',
    kind: 'GWEndpointSlice',
    object: object('GWEndpointSlice', 's1', {
      ...sliceSpec,
      endpoints: [{ addresses: ['10.244.1.5'], 'node-address': 'node-a' }],
    }),
    valid: false,
    field: 'spec.endpoints[0].node-address',
  },
];
