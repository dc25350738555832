// RemoteEndpoint (account namespace): one upstream endpoint of a LoadBalancer in a client cluster.
import { z } from 'zod';
import { Conditions, EndpointPort, Int32, Uint16, Uint32 } from './common.js';
import { ipAddress } from './ip-address.js';
import { ageColumn, kubeObject, type KindDescriptor } from './kind-descriptor.js';

export const RemoteEndpointSpec = z.object({
  cluster: z
    .string()
    .min(1)
    .meta({ description: "Client cluster ID; must be in the LB's upstream-clusters." }),
  address: ipAddress('Endpoint IP address.'),
  'node-address': ipAddress(
    'Client node hosting the endpoint; the key of the LB status gue-tunnel-endpoints.',
  ).optional(),
  port: EndpointPort,
});
export type RemoteEndpointSpec = z.infer<typeof RemoteEndpointSpec>;

export const RemoteEndpointStatus = z.object({
  'proxy-ifindex': Int32.min(0).optional(),
  'group-id': Uint16.optional(),
  'service-id': Uint16.optional(),
  'tunnel-id': Uint32.optional(),
  conditions: Conditions.optional(),
});
export type RemoteEndpointStatus = z.infer<typeof RemoteEndpointStatus>;

export const RemoteEndpoint = kubeObject(
  'RemoteEndpoint',
  RemoteEndpointSpec,
  RemoteEndpointStatus,
);
export type RemoteEndpoint = z.infer<typeof RemoteEndpoint>;
/** The object as written (defaulted fields optional). */
export type RemoteEndpointInput = z.input<typeof RemoteEndpoint>;

export const remoteEndpointKind = {
  kind: 'RemoteEndpoint',
  plural: 'remoteendpoints',
  singular: 'remoteendpoint',
  listKind: 'RemoteEndpointList',
  shortNames: ['rep', 'reps'],
  description: 'One upstream endpoint of a LoadBalancer, in a client cluster.',
  sourceFile: 'libs/model/src/remote-endpoint.ts',
  printerColumns: [
    { name: 'Address', type: 'string', jsonPath: '.spec.address' },
    { name: 'Node-Address', type: 'string', jsonPath: '.spec.node-address' },
    { name: 'Port', type: 'integer', jsonPath: '.spec.port.port' },
    { name: 'Protocol', type: 'string', jsonPath: '.spec.port.protocol' },
    { name: 'Cluster', type: 'string', jsonPath: '.spec.cluster', priority: 1 },
    ageColumn,
  ],
  schema: { spec: RemoteEndpointSpec, status: RemoteEndpointStatus },
  object: RemoteEndpoint,
} satisfies KindDescriptor;
