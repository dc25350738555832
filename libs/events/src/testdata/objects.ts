// Raw objects of every watched kind, as an informer hands them over (wire JSON, with the
// apiserver's bookkeeping: uid, resourceVersion, generation, managedFields), plus a fixed clock
// and a counting id source for deterministic events.
const apiVersion = 'epic.acnodal.io/v1';
const userNamespace = 'epic-acme';

const managedFields = [
  { manager: 'kubectl', operation: 'Update', apiVersion, time: '2025-01-01T00:00:00Z' },
];

function meta(kind: string, name: string, namespace: string) {
  return {
    name,
    namespace,
    uid: `uid-${kind.toLowerCase()}-${name}`,
    resourceVersion: '100',
    generation: 1,
    creationTimestamp: '2025-01-01T00:00:00Z',
    managedFields,
  };
}

type Fields = Record<string, unknown>;

interface Extra {
  status?: Fields;
  metadata?: { finalizers?: string[]; labels?: Record<string, string> };
}

function object(kind: string, name: string, spec: Fields, extra: Extra = {}) {
  const namespace = kind === 'EPIC' || kind === 'ServicePrefix' ? 'epic' : userNamespace;
  return {
    apiVersion,
    kind,
    metadata: { ...meta(kind, name, namespace), ...extra.metadata },
    spec,
    ...(extra.status === undefined ? {} : { status: extra.status }),
  };
}

const readyCondition = {
  type: 'Ready',
  status: 'True',
  reason: 'Programmed',
  message: 'The proxy is programmed.',
  observedGeneration: 1,
  lastTransitionTime: '2025-01-01T00:00:00Z',
};

const tunnel = { 'epic-address': '192.168.1.40', 'tunnel-id': 1 };

export const epicObject = object(
  'EPIC',
  'epic',
  { 'envoy-image': 'envoyproxy/envoy:v1.36.2' },
  { status: { 'current-tunnel-id': 4, 'current-group-id': 1 } },
);

export const accountObject = object(
  'Account',
  'acme',
  { 'group-id': 1, proxyLimit: 20 },
  { status: { 'current-service-id': 1 } },
);

export const servicePrefixObject = object(
  'ServicePrefix',
  'default',
  { 'public-pool': { pool: '192.168.77.2-192.168.77.8', subnet: '192.168.77.0/24' } },
  { status: { conditions: [readyCondition] } },
);

export const serviceGroupObject = object(
  'LBServiceGroup',
  'sample',
  { 'envoy-replica-count': 1, 'envoy-template': { envoyAPI: 'v3', serialization: 'yaml' } },
  { status: { 'proxy-snapshot-versions': { 'sample-web': 1 } } },
);

const finalizers = ['epic.acnodal.io/controller'];
const tunnelStatus = {
  'gue-tunnel-endpoints': { '192.168.1.16': tunnel },
  conditions: [readyCondition],
};

export const loadBalancerObject = object(
  'LoadBalancer',
  'sample-web',
  {
    'service-group': 'sample',
    'service-id': 1,
    'public-address': '192.168.77.2',
    'public-ports': [{ port: 8888, protocol: 'TCP', targetPort: 8080 }],
    'upstream-clusters': ['puregw-sample'],
  },
  {
    status: tunnelStatus,
    metadata: { finalizers, labels: { 'epic.acnodal.io/owning-lbservicegroup': 'sample' } },
  },
);

export const remoteEndpointObject = object(
  'RemoteEndpoint',
  'sample-web-10-244-1-5',
  {
    cluster: 'puregw-sample',
    address: '10.244.1.5',
    'node-address': '192.168.1.16',
    port: { port: 8080, protocol: 'TCP' },
  },
  { status: { 'tunnel-id': 1 } },
);

export const gwProxyObject = object(
  'GWProxy',
  'a044f348',
  {
    clientRef: { clusterID: 'puregw-sample', namespace: 'puregw', name: 'gw', uid: 'a044f348' },
    'service-group': 'sample',
    'public-address': '192.168.77.3',
    'public-ports': [{ port: 8088, protocol: 'TCP' }],
  },
  { status: tunnelStatus, metadata: { finalizers } },
);

export const gwRouteObject = object('GWRoute', 'route-1', {
  clientRef: { clusterID: 'puregw-sample', namespace: 'default', name: 'web', uid: 'route-1' },
  http: {
    parentRefs: [{ name: 'a044f348' }],
    rules: [{ backendRefs: [{ name: 'svc-uid-1', port: 80 }] }],
  },
});

export const gwEndpointSliceObject = object('GWEndpointSlice', 'slice-1', {
  parentRef: { clusterID: 'puregw-sample', namespace: 'default', name: 'web', uid: 'svc-uid-1' },
  addressType: 'IPv4',
  endpoints: [{ addresses: ['10.244.1.5'], 'node-address': '192.168.1.16' }],
  ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
});

/** An Envoy pod of `sample-web`, scheduled on node-a, Ready. */
export const envoyPodObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'envoy-sample-web-5d8f7-abcde',
    namespace: userNamespace,
    uid: 'uid-pod-envoy-sample-web',
    resourceVersion: '200',
    labels: {
      'epic.acnodal.io/owning-loadbalancer': 'sample-web',
      'epic.acnodal.io/owning-lbservicegroup': 'sample',
      'app.kubernetes.io/part-of': 'epic',
    },
    managedFields,
  },
  spec: { nodeName: 'node-a', containers: [{ name: 'envoy', image: 'envoyproxy/envoy' }] },
  status: {
    phase: 'Running',
    podIP: '10.128.0.7',
    podIPs: [{ ip: '10.128.0.7' }],
    conditions: [
      { type: 'PodScheduled', status: 'True' },
      { type: 'Ready', status: 'True' },
    ],
  },
};

/** The same pod before the scheduler placed it. */
export const pendingEnvoyPodObject = {
  ...envoyPodObject,
  metadata: { ...envoyPodObject.metadata, resourceVersion: '198' },
  spec: { containers: envoyPodObject.spec.containers },
  status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False' }] },
};

export const accountNamespaceObject = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: {
    name: userNamespace,
    uid: 'uid-namespace-epic-acme',
    resourceVersion: '50',
    labels: {
      'app.kubernetes.io/component': 'user-namespace',
      'app.kubernetes.io/part-of': 'epic',
    },
    managedFields,
  },
  spec: { finalizers: ['kubernetes'] },
  status: { phase: 'Active' },
};

/** An EPIC node as the kubelet (or KWOK) reports it: the seed's EPIC address. */
export const epicNodeObject = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name: 'epic-1',
    uid: 'uid-node-epic-1',
    resourceVersion: '60',
    labels: { 'kubernetes.io/hostname': 'epic-1', 'epic.acnodal.io/epic-node': 'true' },
  },
  spec: { podCIDR: '10.244.0.0/24' },
  status: {
    addresses: [
      { type: 'InternalIP', address: '192.168.1.40' },
      { type: 'Hostname', address: 'epic-1' },
    ],
    conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: '2025-06-01T11:59:50Z' }],
  },
};

export const fixedNow = new Date('2025-06-01T12:00:00.000Z');

/** A deterministic `newId`: valid v4-shaped uuids 00000000-0000-4000-8000-000000000001, … */
export function sequentialIds(): () => string {
  let next = 0;
  return () => {
    next += 1;
    return `00000000-0000-4000-8000-${next.toString(16).padStart(12, '0')}`;
  };
}
