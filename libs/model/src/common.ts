// Reusable zod pieces of the epic.acnodal.io/v1 API. Every CR schema is built from these, and
// the CRD adapter (./crd) turns them into structural OpenAPI, so they stay plain: objects,
// arrays, records, enums and bounded numbers. Markers that only the apiserver understands
// (x-kubernetes-*) ride along in `.meta()` and are carried into the JSON schema by zod.
import { z } from 'zod';

export const apiGroup = 'epic.acnodal.io';
export const apiVersionV1 = 'epic.acnodal.io/v1';

/** A TCP/UDP/SCTP port number. */
export const PortNumber = z.int().min(1).max(65535);
/** 16-bit unsigned integer (group and service IDs). */
export const Uint16 = z.int().min(0).max(65535);
/** 32-bit unsigned integer (tunnel IDs). */
export const Uint32 = z.int().min(0).max(4294967295);
/** Kubernetes int32 (replica counts, interface indexes). */
export const Int32 = z.int().min(-2147483648).max(2147483647);
/** Kubernetes int64, limited to what a JavaScript number holds exactly. */
export const Int64 = z.int();

export const Protocol = z.enum(['TCP', 'UDP', 'SCTP']).meta({ description: 'IP protocol.' });
export type Protocol = z.infer<typeof Protocol>;

/**
 * Kubernetes IntOrString. The marker makes the adapter emit `x-kubernetes-int-or-string` instead
 * of the union zod would produce.
 */
export const IntOrString = z
  .union([z.int(), z.string()])
  .meta({ 'x-kubernetes-int-or-string': true });
export type IntOrString = z.infer<typeof IntOrString>;

/** A core/v1 ServicePort. */
export const ServicePort = z.object({
  name: z.string().optional(),
  port: PortNumber.meta({ description: 'Port exposed on the public address.' }),
  protocol: Protocol.default('TCP'),
  targetPort: IntOrString.optional().meta({
    description: 'Port (number or name) on the upstream endpoints.',
  }),
  nodePort: PortNumber.optional().meta({ description: 'Node port on the client cluster.' }),
  appProtocol: z.string().optional(),
});
export type ServicePort = z.infer<typeof ServicePort>;

/** A discovery/v1 EndpointPort with the port required. */
export const EndpointPort = z.object({
  name: z.string().optional(),
  port: PortNumber,
  protocol: Protocol.default('TCP'),
  appProtocol: z.string().optional(),
});
export type EndpointPort = z.infer<typeof EndpointPort>;

/** The GUE port on an EPIC node: 6080/UDP, appProtocol `gue`, unless configured otherwise. */
export const EpicPort = z
  .object({
    name: z.string().optional(),
    port: PortNumber.default(6080),
    protocol: Protocol.default('UDP'),
    appProtocol: z.string().default('gue'),
  })
  .meta({ description: 'GUE port on the EPIC node (default 6080/UDP, appProtocol gue).' });
export type EpicPort = z.infer<typeof EpicPort>;

export const ConditionStatus = z.enum(['True', 'False', 'Unknown']);

/** A metav1.Condition, validated like upstream. */
export const Condition = z.object({
  type: z
    .string()
    .max(316)
    .regex(
      /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$/,
    )
    .meta({ description: 'Condition type in CamelCase, e.g. Ready.' }),
  status: ConditionStatus,
  observedGeneration: Int64.min(0)
    .optional()
    .meta({ description: 'metadata.generation the condition was computed from.' }),
  lastTransitionTime: z.iso
    .datetime({ offset: true })
    .meta({ description: 'Last time the status changed.' }),
  reason: z
    .string()
    .min(1)
    .max(1024)
    .regex(/^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$/)
    .meta({ description: 'Machine-readable CamelCase reason.' }),
  message: z.string().max(32768).meta({ description: 'Human-readable sentence.' }),
});
export type Condition = z.infer<typeof Condition>;

/** `status.conditions`: a list map keyed by type, so each worker can own its own conditions. */
export const Conditions = z.array(Condition).meta({
  description: 'Conditions, one per type; each is owned by the worker that writes it.',
  'x-kubernetes-list-type': 'map',
  'x-kubernetes-list-map-keys': ['type'],
});

export const OwnerReference = z.looseObject({
  apiVersion: z.string(),
  kind: z.string(),
  name: z.string(),
  uid: z.string(),
  controller: z.boolean().optional(),
  blockOwnerDeletion: z.boolean().optional(),
});
export type OwnerReference = z.infer<typeof OwnerReference>;

/** ObjectMeta of an object read from the API; keys we do not model are kept. */
export const ObjectMeta = z.looseObject({
  name: z.string().optional(),
  generateName: z.string().optional(),
  namespace: z.string().optional(),
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
  generation: z.int().optional(),
  creationTimestamp: z.string().optional(),
  deletionTimestamp: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  finalizers: z.array(z.string()).optional(),
  ownerReferences: z.array(OwnerReference).optional(),
});
export type ObjectMeta = z.infer<typeof ObjectMeta>;

/**
 * A free-form object: any JSON object, kept as is (`x-kubernetes-preserve-unknown-fields` in the
 * CRD). Only for parts whose shape belongs to someone else (Envoy templates, Gateway API TLS).
 */
export function freeForm(description: string) {
  return z
    .record(z.string(), z.unknown())
    .meta({ description, 'x-kubernetes-preserve-unknown-fields': true });
}

/** RFC 1123 DNS label, the shape of most Kubernetes object names. */
export const DnsLabel = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
