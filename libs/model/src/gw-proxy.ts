// GWProxy (account namespace): a LoadBalancer for a client Gateway (Gateway API flavour).
// At most Account spec.proxyLimit per account (enforced at admission, not here).
import { z } from 'zod';
import { Conditions, DnsLabel, Int64 } from './common.js';
import { ClientRef, clientColumns } from './client-ref.js';
import { DnsEndpoint } from './dns-endpoint.js';
import { EnvoyReplicaCount, EnvoyTemplate } from './envoy.js';
import { GatewaySpec } from './gateway-api.js';
import { ipAddress } from './ip-address.js';
import { ageColumn, kubeObject, labelPath, type KindDescriptor } from './kind-descriptor.js';
import { owningLBServiceGroupLabel } from './labels.js';
import { PublicPorts } from './public-ports.js';
import { serviceGroupImmutable } from './service-group-ref.js';
import { TunnelKey } from './tunnel-key.js';
import { GueTunnelEndpoints, ProxyInterfaces } from './tunnel.js';

export const GWProxySpec = z.object({
  clientRef: ClientRef.optional(),
  'display-name': z.string().optional(),
  'service-group': DnsLabel.optional().meta({
    description:
      'The LBServiceGroup this proxy is made from (same namespace, else a system group in epic); absent: the owning-lbservicegroup label.',
    'x-kubernetes-validations': [serviceGroupImmutable],
  }),
  'public-address': ipAddress(
    "Public IP address; allocated from the group's ServicePrefix when absent.",
  ).optional(),
  'alt-address': ipAddress(
    "IPv4 address from the ServicePrefix's alt-pool, for an IPv6 proxy.",
  ).optional(),
  'public-ports': PublicPorts.optional(),
  'tunnel-key': TunnelKey.optional(),
  'envoy-template': EnvoyTemplate.optional(),
  'envoy-replica-count': EnvoyReplicaCount.optional().meta({
    description: "Envoy replicas; the group's envoy-replica-count when absent.",
  }),
  endpoints: z.array(DnsEndpoint).optional(),
  gateway: GatewaySpec.optional(),
});
export type GWProxySpec = z.infer<typeof GWProxySpec>;

export const GWProxyStatus = z.object({
  'gue-tunnel-endpoints': GueTunnelEndpoints.optional(),
  'proxy-if-info': ProxyInterfaces.optional(),
  observedGeneration: Int64.min(0)
    .optional()
    .meta({ description: 'Generation last seen by external-dns.' }),
  conditions: Conditions.optional(),
});
export type GWProxyStatus = z.infer<typeof GWProxyStatus>;

export const GWProxy = kubeObject('GWProxy', GWProxySpec, GWProxyStatus);
export type GWProxy = z.infer<typeof GWProxy>;
/** The object as written (defaulted fields optional). */
export type GWProxyInput = z.input<typeof GWProxy>;

export const gwProxyKind = {
  kind: 'GWProxy',
  plural: 'gwproxies',
  singular: 'gwproxy',
  listKind: 'GWProxyList',
  shortNames: ['gwp', 'gwps'],
  description: 'A proxy for a client Gateway (Gateway API): public address, ports and tunnels.',
  sourceFile: 'libs/model/src/gw-proxy.ts',
  printerColumns: [
    ...clientColumns,
    { name: 'Address', type: 'string', jsonPath: '.spec.public-address' },
    { name: 'Group', type: 'string', jsonPath: labelPath(owningLBServiceGroupLabel) },
    ageColumn,
  ],
  schema: { spec: GWProxySpec, status: GWProxyStatus },
  object: GWProxy,
} satisfies KindDescriptor;
