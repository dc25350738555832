// Small builders for the CRs the renderer reads, so a test states only what it is about.
import type {
  GWEndpointSliceInput,
  GWProxyInput,
  GWRouteInput,
  LoadBalancerInput,
  RemoteEndpointInput,
} from '@epic/model';

const apiVersion = 'epic.acnodal.io/v1';
export const namespace = 'epic-test';

type Spec<T extends { spec: unknown }> = Partial<T['spec']>;

export function loadBalancer(
  spec: Spec<LoadBalancerInput> = {},
  status: LoadBalancerInput['status'] = {},
): LoadBalancerInput {
  return {
    apiVersion,
    kind: 'LoadBalancer',
    metadata: { name: 'lb', namespace },
    spec: {
      'service-group': 'sg',
      'public-address': '192.0.2.1',
      'upstream-clusters': ['c1'],
      ...spec,
    },
    status,
  };
}

export function remoteEndpoint(
  name: string,
  spec: Partial<RemoteEndpointInput['spec']>,
  metadata: Partial<RemoteEndpointInput['metadata']> = {},
): RemoteEndpointInput {
  return {
    apiVersion,
    kind: 'RemoteEndpoint',
    metadata: { name, namespace, ...metadata },
    spec: { cluster: 'c1', address: '10.0.0.1', port: { port: 8080, protocol: 'TCP' }, ...spec },
  };
}

export function gwProxy(
  listeners: NonNullable<NonNullable<GWProxyInput['spec']['gateway']>['listeners']>,
  spec: Spec<GWProxyInput> = {},
): GWProxyInput {
  return {
    apiVersion,
    kind: 'GWProxy',
    metadata: { name: 'gw', namespace },
    spec: { 'public-address': '192.0.2.2', gateway: { listeners }, ...spec },
    status: {},
  };
}

type Http = NonNullable<GWRouteInput['spec']['http']>;
type Tcp = NonNullable<GWRouteInput['spec']['tcp']>;

export function httpRoute(
  name: string,
  http: Partial<Http>,
  created = '2024-01-01T00:00:00Z',
): GWRouteInput {
  return {
    apiVersion,
    kind: 'GWRoute',
    metadata: { name, namespace, creationTimestamp: created },
    spec: { http: { parentRefs: [{ name: 'gw' }], ...http } },
  };
}

export function tcpRoute(
  name: string,
  tcp: Partial<Tcp>,
  created = '2024-01-01T00:00:00Z',
): GWRouteInput {
  return {
    apiVersion,
    kind: 'GWRoute',
    metadata: { name, namespace, creationTimestamp: created },
    spec: { tcp: { parentRefs: [{ name: 'gw' }], rules: [], ...tcp } },
  };
}

export function endpointSlice(
  name: string,
  serviceUid: string,
  endpoints: GWEndpointSliceInput['spec']['endpoints'],
  ports: NonNullable<GWEndpointSliceInput['spec']['ports']> = [{ port: 80, protocol: 'TCP' }],
): GWEndpointSliceInput {
  return {
    apiVersion,
    kind: 'GWEndpointSlice',
    metadata: { name, namespace },
    spec: { parentRef: { uid: serviceUid }, addressType: 'IPv4', ports, endpoints },
  };
}
