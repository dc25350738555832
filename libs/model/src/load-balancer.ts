// LoadBalancer (account namespace): a public address + ports in front of client-cluster
// endpoints, served by its own Envoy Deployment. The seed's example is kept exactly.
import { z } from 'zod';
import { Conditions, DnsLabel, Int32, Int64, Uint16 } from './common.js';
import { DnsEndpoint } from './dns-endpoint.js';
import { EnvoyReplicaCount, EnvoyTemplate } from './envoy.js';
import { ipAddress } from './ip-address.js';
import { ageColumn, kubeObject, type KindDescriptor } from './kind-descriptor.js';
import { PublicPorts } from './public-ports.js';
import { serviceGroupImmutable } from './service-group-ref.js';
import { TunnelKey } from './tunnel-key.js';
import { GueTunnelEndpoints, ProxyInterfaces } from './tunnel.js';

export const LoadBalancerSpec = z.object({
  'display-name': z
    .string()
    .optional()
    .meta({ description: 'Name of the client service, shown to users.' }),
  'service-group': DnsLabel.meta({
    description: 'The LBServiceGroup this LB is made from (same namespace, else a system group in epic).',
    'x-kubernetes-validations': [serviceGroupImmutable],
  }),
  'service-id': Uint16.optional().meta({
    description: "Allocated from the Account's status.current-service-id.",
  }),
  'public-address': ipAddress(
    "Public IP address; allocated from the group's ServicePrefix when absent.",
  ).optional(),
  'public-ports': PublicPorts.optional(),
  'tunnel-key': TunnelKey.optional(),
  'envoy-template': EnvoyTemplate.optional(),
  'envoy-replica-count': EnvoyReplicaCount.optional().meta({
    description: "Envoy replicas; the group's envoy-replica-count when absent.",
  }),
  'upstream-clusters': z.array(z.string()).optional().meta({
    description: 'Client clusters using this LB; an LB with any left cannot be deleted.',
  }),
  endpoints: z
    .array(DnsEndpoint)
    .optional()
    .meta({ description: "DNS records for external-dns, from the group's endpoint-template." }),
  'true-ingress': z.boolean().default(true),
});
export type LoadBalancerSpec = z.infer<typeof LoadBalancerSpec>;

export const LoadBalancerStatus = z.object({
  'gue-tunnel-endpoints': GueTunnelEndpoints.optional(),
  'proxy-ifindex': Int32.min(0)
    .optional()
    .meta({ description: "ifindex of the Envoy pod's veth on its node." }),
  'proxy-ifname': z
    .string()
    .optional()
    .meta({ description: "Name of the Envoy pod's veth on its node." }),
  'proxy-if-info': ProxyInterfaces.optional(),
  observedGeneration: Int64.min(0)
    .optional()
    .meta({ description: 'Generation last seen by external-dns.' }),
  conditions: Conditions.optional(),
});
export type LoadBalancerStatus = z.infer<typeof LoadBalancerStatus>;

export const LoadBalancer = kubeObject('LoadBalancer', LoadBalancerSpec, LoadBalancerStatus);
export type LoadBalancer = z.infer<typeof LoadBalancer>;
/** The object as written (defaulted fields optional). */
export type LoadBalancerInput = z.input<typeof LoadBalancer>;

export const loadBalancerKind = {
  kind: 'LoadBalancer',
  plural: 'loadbalancers',
  singular: 'loadbalancer',
  listKind: 'LoadBalancerList',
  shortNames: ['lb', 'lbs'],
  description: 'A load balancer: a public address and ports in front of client-cluster endpoints.',
  sourceFile: 'libs/model/src/load-balancer.ts',
  printerColumns: [
    { name: 'Address', type: 'string', jsonPath: '.spec.public-address' },
    { name: 'Service-ID', type: 'integer', jsonPath: '.spec.service-id' },
    { name: 'Group', type: 'string', jsonPath: '.spec.service-group' },
    { name: 'Display-Name', type: 'string', jsonPath: '.spec.display-name', priority: 1 },
    ageColumn,
  ],
  schema: { spec: LoadBalancerSpec, status: LoadBalancerStatus },
  object: LoadBalancer,
} satisfies KindDescriptor;
