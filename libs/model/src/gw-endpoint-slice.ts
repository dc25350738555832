// GWEndpointSlice (account namespace): a client EndpointSlice (discovery/v1 body) behind a
// route's backend, plus the client node address of each endpoint (the GUE tunnel peer).
import { z } from 'zod';
import { Conditions, freeForm, PortNumber, Protocol } from './common.js';
import { ClientRef, clientColumns } from './client-ref.js';
import { ipAddress } from './ip-address.js';
import { ageColumn, kubeObject, type KindDescriptor } from './kind-descriptor.js';

export const SliceEndpoint = z.object({
  addresses: z.array(z.string()).min(1).max(100),
  conditions: z
    .object({
      ready: z.boolean().optional(),
      serving: z.boolean().optional(),
      terminating: z.boolean().optional(),
    })
    .optional(),
  hostname: z.string().optional(),
  nodeName: z.string().optional(),
  zone: z.string().optional(),
  targetRef: freeForm('The object (usually a Pod) behind the endpoint.').optional(),
  'node-address': ipAddress(
    'Address of the client node hosting the endpoint (the GUE tunnel peer).',
  ).optional(),
});
export type SliceEndpoint = z.infer<typeof SliceEndpoint>;

export const SlicePort = z.object({
  name: z.string().optional(),
  port: PortNumber.optional(),
  protocol: Protocol.default('TCP'),
  appProtocol: z.string().optional(),
});
export type SlicePort = z.infer<typeof SlicePort>;

export const GWEndpointSliceSpec = z.object({
  clientRef: ClientRef.optional(),
  parentRef: ClientRef.meta({
    description: 'The client Service; its uid is the name GWRoute backendRefs use.',
  }),
  addressType: z.enum(['IPv4', 'IPv6', 'FQDN']),
  endpoints: z.array(SliceEndpoint).max(1000),
  ports: z.array(SlicePort).max(100).optional(),
  nodeAddresses: z.record(z.string(), z.string()).optional().meta({
    description:
      'Client node name -> node address, as original clients send it; node-address on each endpoint is what EPIC uses.',
  }),
});
export type GWEndpointSliceSpec = z.infer<typeof GWEndpointSliceSpec>;

export const GWEndpointSliceStatus = z.object({
  conditions: Conditions.optional(),
});
export type GWEndpointSliceStatus = z.infer<typeof GWEndpointSliceStatus>;

export const GWEndpointSlice = kubeObject(
  'GWEndpointSlice',
  GWEndpointSliceSpec,
  GWEndpointSliceStatus,
);
export type GWEndpointSlice = z.infer<typeof GWEndpointSlice>;
/** The object as written (defaulted fields optional). */
export type GWEndpointSliceInput = z.input<typeof GWEndpointSlice>;

export const gwEndpointSliceKind = {
  kind: 'GWEndpointSlice',
  plural: 'gwendpointslices',
  singular: 'gwendpointslice',
  listKind: 'GWEndpointSliceList',
  shortNames: ['gwes', 'gwess'],
  description: 'The endpoints of a client Service behind a GWRoute backend.',
  sourceFile: 'libs/model/src/gw-endpoint-slice.ts',
  printerColumns: [
    ...clientColumns,
    { name: 'Service', type: 'string', jsonPath: '.spec.parentRef.name' },
    ageColumn,
  ],
  schema: { spec: GWEndpointSliceSpec, status: GWEndpointSliceStatus },
  object: GWEndpointSlice,
} satisfies KindDescriptor;
