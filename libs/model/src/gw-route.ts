// GWRoute (account namespace): a client HTTPRoute or TCPRoute whose parentRefs name GWProxies
// and whose backendRefs name client Services (by UID).
import { z } from 'zod';
import { Conditions } from './common.js';
import { ClientRef, clientColumns } from './client-ref.js';
import { HTTPRouteSpec, TCPRouteSpec } from './gateway-api.js';
import { ageColumn, kubeObject, type KindDescriptor } from './kind-descriptor.js';

const oneRouteRule = {
  rule: 'has(self.http) != has(self.tcp)',
  message: 'exactly one of http or tcp must be set',
};

export const GWRouteSpec = z
  .object({
    clientRef: ClientRef.optional(),
    http: HTTPRouteSpec.optional(),
    tcp: TCPRouteSpec.optional(),
  })
  .refine((spec) => (spec.http === undefined) !== (spec.tcp === undefined), {
    message: oneRouteRule.message,
  })
  .meta({ 'x-kubernetes-validations': [oneRouteRule] });
export type GWRouteSpec = z.infer<typeof GWRouteSpec>;

export const GWRouteStatus = z.object({
  conditions: Conditions.optional(),
});
export type GWRouteStatus = z.infer<typeof GWRouteStatus>;

export const GWRoute = kubeObject('GWRoute', GWRouteSpec, GWRouteStatus);
export type GWRoute = z.infer<typeof GWRoute>;
/** The object as written (defaulted fields optional). */
export type GWRouteInput = z.input<typeof GWRoute>;

export const gwRouteKind = {
  kind: 'GWRoute',
  plural: 'gwroutes',
  singular: 'gwroute',
  listKind: 'GWRouteList',
  shortNames: ['gwr', 'gwrs'],
  description: 'A client HTTPRoute or TCPRoute attached to GWProxies.',
  sourceFile: 'libs/model/src/gw-route.ts',
  printerColumns: [...clientColumns, ageColumn],
  schema: { spec: GWRouteSpec, status: GWRouteStatus },
  object: GWRoute,
} satisfies KindDescriptor;
