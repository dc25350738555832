// The parts of the Gateway API (gateway.networking.k8s.io) that EPIC carries for its clients:
// a Gateway's spec inside a GWProxy, HTTPRoute / TCPRoute specs inside a GWRoute. Only the
// fields EPIC acts on are typed; filters, TLS and allowedRoutes stay free-form.
import { z } from 'zod';
import { freeForm, PortNumber } from './common.js';
import { isIPAddress } from './ip-address.js';

const notIpRule = { rule: '!isIP(self)', message: 'must be a DNS name, not an IP address' };

export const Hostname = z
  .string()
  .min(1)
  .max(253)
  .regex(/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/)
  .refine((s) => !isIPAddress(s), { message: notIpRule.message })
  .meta({ 'x-kubernetes-validations': [notIpRule] });

const ObjectName = z.string().min(1).max(253);

/** A route's parent: the GWProxy named `name` in the same namespace. */
export const ParentReference = z.object({
  group: z.string().optional(),
  kind: z.string().optional(),
  namespace: z.string().optional(),
  name: ObjectName.meta({ description: 'Name of the GWProxy (same namespace).' }),
  sectionName: z.string().optional().meta({ description: 'Listener name; absent = all.' }),
  port: PortNumber.optional(),
});
export type ParentReference = z.infer<typeof ParentReference>;

/** A backend: `name` is the client Service UID (the GWEndpointSlice parentRef.uid). */
export const BackendRef = z.object({
  group: z.string().optional(),
  kind: z.string().optional(),
  name: ObjectName.meta({ description: 'Client Service UID.' }),
  namespace: z.string().optional(),
  port: PortNumber.optional(),
  weight: z
    .int()
    .min(0)
    .max(1000000)
    .default(1)
    .meta({ description: 'Share of traffic relative to the other backends of the rule.' }),
});
export type BackendRef = z.infer<typeof BackendRef>;

const Filters = z.array(freeForm('A Gateway API route filter.')).max(16);

export const HTTPBackendRef = BackendRef.extend({ filters: Filters.optional() });

export const HTTPPathMatch = z.object({
  type: z.enum(['Exact', 'PathPrefix', 'RegularExpression']).default('PathPrefix'),
  value: z.string().max(1024).default('/'),
});

const NameValueMatch = z.object({
  type: z.enum(['Exact', 'RegularExpression']).default('Exact'),
  name: z.string().min(1).max(256),
  value: z.string().max(4096),
});

export const HTTPMethod = z.enum([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
]);

export const HTTPRouteMatch = z.object({
  path: HTTPPathMatch.prefault({}),
  headers: z.array(NameValueMatch).max(16).optional(),
  queryParams: z.array(NameValueMatch).max(16).optional(),
  method: HTTPMethod.optional(),
});
export type HTTPRouteMatch = z.infer<typeof HTTPRouteMatch>;

export const HTTPRouteRule = z.object({
  matches: z.array(HTTPRouteMatch).max(64).optional(),
  filters: Filters.optional(),
  backendRefs: z.array(HTTPBackendRef).max(16).optional(),
});
export type HTTPRouteRule = z.infer<typeof HTTPRouteRule>;

const ParentRefs = z.array(ParentReference).max(32);

export const HTTPRouteSpec = z.object({
  parentRefs: ParentRefs.optional(),
  hostnames: z.array(Hostname).max(16).optional(),
  rules: z.array(HTTPRouteRule).max(16).optional(),
});
export type HTTPRouteSpec = z.infer<typeof HTTPRouteSpec>;

export const TCPRouteRule = z.object({
  backendRefs: z.array(BackendRef).max(16).optional(),
});

export const TCPRouteSpec = z.object({
  parentRefs: ParentRefs.optional(),
  rules: z.array(TCPRouteRule).min(1).max(16),
});
export type TCPRouteSpec = z.infer<typeof TCPRouteSpec>;

export const GatewayListener = z.looseObject({
  name: z.string().min(1).max(253),
  hostname: z.string().optional(),
  port: PortNumber,
  protocol: z.string().min(1).meta({ description: 'HTTP, HTTPS, TLS, TCP or UDP.' }),
  tls: freeForm('Listener TLS configuration.').optional(),
  allowedRoutes: freeForm('Routes that may attach to the listener.').optional(),
});
export type GatewayListener = z.infer<typeof GatewayListener>;

/** A Gateway API GatewaySpec: listeners typed, anything else kept as sent. */
export const GatewaySpec = z
  .looseObject({
    gatewayClassName: z.string().optional(),
    listeners: z.array(GatewayListener).max(64).optional(),
    addresses: z
      .array(z.looseObject({ type: z.string().optional(), value: z.string() }))
      .optional(),
  })
  .meta({ description: 'The client Gateway spec (Gateway API GatewaySpec).' });
export type GatewaySpec = z.infer<typeof GatewaySpec>;
