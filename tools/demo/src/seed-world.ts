// The seed's world as objects to write (spec/seed.md, spec/reference.md): the EPIC singleton,
// account `root` with its namespace, a ServicePrefix, the `sample` service group, the
// LoadBalancer `sample-acnodal` and its two client endpoints, and the EPIC node the Envoy pods
// run on. IDs, addresses and tunnels are left out: the apps fill them in.
import type { V1Node } from '@kubernetes/client-node';
import {
  apiVersionV1,
  coreNamespace,
  epicSingletonName,
  owningAccountLabel,
  owningLoadBalancerLabel,
  owningServicePrefixLabel,
  partOfEpicLabels,
  userNamespaceLabels,
  type AccountInput,
  type EPICInput,
  type LBServiceGroupInput,
  type LoadBalancerInput,
  type RemoteEndpointInput,
  type ServicePrefixInput,
} from '@epic/model';
import type { DemoPlan } from './demo-plan.js';

/** The seed's public port: 8888/TCP on the public address -> 8080 on the endpoints. */
export const seedPublicPorts = [
  { nodePort: 30390, port: 8888, protocol: 'TCP', targetPort: 8080 },
] as const;

/** The seed's Envoy image is not known; any tag serves, since KWOK runs nothing. */
export const demoEnvoyImage = 'envoyproxy/envoy:v1.36-latest';

/** The taint that keeps every other pod off the demo's node. */
export const demoNodeTaintKey = 'epic.acnodal.io/demo-node';

/** Isolated runs: core-namespace objects carry the run label (the webhooks' objectSelector). */
function runLabels(plan: DemoPlan): Record<string, string> {
  return plan.runLabel ? { [plan.runLabel.key]: plan.runLabel.value } : {};
}

export function namespaceLabels(plan: DemoPlan): Record<string, string> {
  return { ...userNamespaceLabels, ...runLabels(plan) };
}

/** Created only when absent, never changed: the singleton and its counters are shared. */
export function epicSingleton(): EPICInput {
  return {
    apiVersion: apiVersionV1,
    kind: 'EPIC',
    metadata: { namespace: coreNamespace, name: epicSingletonName },
    spec: {},
  };
}

export function account(plan: DemoPlan): AccountInput {
  return {
    apiVersion: apiVersionV1,
    kind: 'Account',
    metadata: { namespace: plan.namespace, name: plan.account, labels: { ...partOfEpicLabels } },
    spec: {},
  };
}

export function servicePrefix(plan: DemoPlan): ServicePrefixInput {
  return {
    apiVersion: apiVersionV1,
    kind: 'ServicePrefix',
    metadata: {
      namespace: coreNamespace,
      name: plan.servicePrefix,
      labels: { ...partOfEpicLabels, ...runLabels(plan) },
    },
    spec: { 'public-pool': { pool: plan.pool.pool, subnet: plan.pool.subnet } },
  };
}

/**
 * The group's template overrides only the cluster (a shorter connect timeout); listeners and
 * endpoints come from the renderer's defaults, as a real group's template may do.
 */
export const sampleEnvoyTemplate = {
  envoyAPI: 'v3',
  serialization: 'yaml',
  envoyResources: {
    clusters: [
      {
        name: 'default',
        value: [
          'name: {{ .ClusterName }}',
          'type: EDS',
          'connect_timeout: 1s',
          'eds_cluster_config:',
          '  eds_config: {ads: {}, resource_api_version: V3}',
          '',
        ].join('\n'),
      },
    ],
  },
};

export function serviceGroup(plan: DemoPlan): LBServiceGroupInput {
  return {
    apiVersion: apiVersionV1,
    kind: 'LBServiceGroup',
    metadata: {
      namespace: plan.namespace,
      name: plan.serviceGroup,
      labels: {
        ...partOfEpicLabels,
        [owningServicePrefixLabel]: plan.servicePrefix,
        [owningAccountLabel]: plan.account,
      },
    },
    spec: {
      'envoy-image': demoEnvoyImage,
      'envoy-replica-count': 1,
      'envoy-template': sampleEnvoyTemplate,
    },
  };
}

/**
 * No service-id, public-address, tunnel-key or owning-lbservicegroup label: the apps and the
 * mutating webhook fill those in.
 */
export function loadBalancer(plan: DemoPlan): LoadBalancerInput {
  return {
    apiVersion: apiVersionV1,
    kind: 'LoadBalancer',
    metadata: {
      namespace: plan.namespace,
      name: plan.loadBalancer,
      labels: { ...partOfEpicLabels },
    },
    spec: {
      'service-group': plan.serviceGroup,
      'public-ports': seedPublicPorts.map((p) => ({ ...p })),
      'upstream-clusters': [plan.clientCluster],
    },
  };
}

/** One per client node: what a PureLB client cluster announces for the service's endpoints. */
export function remoteEndpoints(plan: DemoPlan): RemoteEndpointInput[] {
  return plan.endpoints.map((ep) => ({
    apiVersion: apiVersionV1,
    kind: 'RemoteEndpoint',
    metadata: {
      namespace: plan.namespace,
      name: ep.name,
      labels: { ...partOfEpicLabels, [owningLoadBalancerLabel]: plan.loadBalancer },
    },
    spec: {
      cluster: plan.clientCluster,
      address: ep.address,
      'node-address': ep.nodeAddress,
      port: { port: 8080, protocol: 'TCP' },
    },
  }));
}

/**
 * A KWOK node (annotation `kwok.x-k8s.io/node: fake`): KWOK reports it Ready and its pods
 * Running. Its InternalIP is the seed's EPIC node address; both addresses are given so KWOK
 * keeps them. Tainted, so only the demo's Envoy pods (which tolerate it) land there.
 */
export function epicNode(plan: DemoPlan): V1Node {
  const { name, address } = plan.node;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { 'kwok.x-k8s.io/node': 'fake' },
      labels: {
        ...partOfEpicLabels,
        ...runLabels(plan),
        type: 'kwok',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
      },
    },
    spec: { taints: [{ key: demoNodeTaintKey, value: name, effect: 'NoSchedule' }] },
    status: {
      addresses: [
        { type: 'InternalIP', address },
        { type: 'Hostname', address: name },
      ],
    },
  };
}

/** The node selector and toleration that put Envoy pods on the demo's node, and only there. */
export function envoyPlacement(plan: DemoPlan) {
  return {
    nodeSelector: `kubernetes.io/hostname=${plan.node.name}`,
    tolerations: [
      { key: demoNodeTaintKey, operator: 'Equal', value: plan.node.name, effect: 'NoSchedule' },
    ],
  };
}
