// Builders for the CRs a proxy is rendered from, so a test states only what it is about.
import {
  owningLoadBalancerLabel,
  type GWEndpointSliceInput,
  type GWProxyInput,
  type GWRouteInput,
  type LBServiceGroupInput,
  type LoadBalancerInput,
  type RemoteEndpointInput,
} from '@epic/model';

const apiVersion = 'epic.acnodal.io/v1';
export const namespace = 'epic-feature';

export function loadBalancer(
  name: string,
  spec: Partial<LoadBalancerInput['spec']> = {},
  ns = namespace,
): LoadBalancerInput {
  return {
    apiVersion,
    kind: 'LoadBalancer',
    metadata: { name, namespace: ns, generation: 1 },
    spec: {
      'service-group': 'sg',
      'public-address': '192.0.2.1',
      'public-ports': [{ port: 80, protocol: 'TCP' }],
      'upstream-clusters': ['c1'],
      ...spec,
    },
    status: {},
  };
}

export function remoteEndpoint(
  lb: string,
  name: string,
  spec: Partial<RemoteEndpointInput['spec']> = {},
  ns = namespace,
): RemoteEndpointInput {
  return {
    apiVersion,
    kind: 'RemoteEndpoint',
    metadata: { name, namespace: ns, labels: { [owningLoadBalancerLabel]: lb } },
    spec: { cluster: 'c1', address: '10.0.0.1', port: { port: 8080, protocol: 'TCP' }, ...spec },
  };
}

export function serviceGroup(
  name: string,
  template?: Record<string, unknown>,
  ns = namespace,
): LBServiceGroupInput {
  return {
    apiVersion,
    kind: 'LBServiceGroup',
    metadata: { name, namespace: ns },
    // An empty template is every default entry.
    spec: { 'envoy-template': template ?? {} },
  };
}

export function gwProxy(
  name: string,
  spec: Partial<GWProxyInput['spec']> = {},
  status: GWProxyInput['status'] = {},
  ns = namespace,
): GWProxyInput {
  return {
    apiVersion,
    kind: 'GWProxy',
    metadata: { name, namespace: ns, generation: 1 },
    spec: {
      'service-group': 'sg',
      'public-address': '192.0.2.2',
      gateway: {
        gatewayClassName: 'sg',
        listeners: [{ name: 'web', protocol: 'HTTP', port: 8080 }],
      },
      ...spec,
    },
    status,
  };
}

export interface WeightedBackend {
  readonly service: string;
  readonly weight?: number;
  readonly port?: number;
}

export function httpRoute(
  name: string,
  proxy: string,
  backends: readonly WeightedBackend[],
  ns = namespace,
): GWRouteInput {
  return {
    apiVersion,
    kind: 'GWRoute',
    metadata: { name, namespace: ns, creationTimestamp: '2024-01-01T00:00:00Z' },
    spec: {
      http: {
        parentRefs: [{ name: proxy }],
        rules: [
          {
            backendRefs: backends.map((b) => ({
              name: b.service,
              ...(b.port === undefined ? {} : { port: b.port }),
              ...(b.weight === undefined ? {} : { weight: b.weight }),
            })),
          },
        ],
      },
    },
  };
}

export interface SliceSpec {
  readonly endpoints: readonly { address: string; node?: string }[];
  readonly port: number;
  readonly namespace?: string;
}

export function endpointSlice(
  name: string,
  service: string,
  { endpoints, port, namespace: ns = namespace }: SliceSpec,
): GWEndpointSliceInput {
  return {
    apiVersion,
    kind: 'GWEndpointSlice',
    metadata: { name, namespace: ns },
    spec: {
      parentRef: { uid: service },
      addressType: 'IPv4',
      ports: [{ port, protocol: 'TCP' }],
      endpoints: endpoints.map((e) => ({
        addresses: [e.address],
        ...(e.node ? { 'node-address': e.node } : {}),
      })),
    },
  };
}

/** A tunnel map with allocated IDs for the given client nodes (no id-allocator in tests). */
export function tunnels(...nodes: string[]): NonNullable<GWProxyInput['status']> {
  return {
    'gue-tunnel-endpoints': Object.fromEntries(
      nodes.map((node, i) => [node, { 'epic-address': '192.168.1.40', 'tunnel-id': 100 + i }]),
    ),
  };
}

/**
 * An envoy-template for groups whose proxies include proxyless gRPC clients: gRPC ignores a
 * locality without a weight and rejects one without a locality, where Envoy accepts both, so
 * the endpoints entry names both. Every other entry comes from the default template.
 */
export const grpcFriendlyTemplate = {
  envoyAPI: 'v3',
  serialization: 'yaml',
  envoyResources: {
    endpoints: [
      {
        name: 'default',
        value: [
          'cluster_name: {{ .ClusterName }}',
          'endpoints:',
          '- locality: {}',
          '  load_balancing_weight: 1',
          '  lb_endpoints: {{ .LbEndpoints }}',
          '',
        ].join('\n'),
      },
    ],
  },
};
