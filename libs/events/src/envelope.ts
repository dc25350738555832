// The envelope every Kafka message of EPIC carries, and the helpers each event family builds its
// schemas with. zod is the source: the TypeScript types are inferred, and the same schemas parse
// on produce and on consume.
import { z } from 'zod';

/** Every kind the ingest app watches: the nine epic.acnodal.io/v1 kinds, Envoy pods, namespaces, nodes. */
export const WatchedKind = z.enum([
  'EPIC',
  'Account',
  'ServicePrefix',
  'LBServiceGroup',
  'LoadBalancer',
  'RemoteEndpoint',
  'GWProxy',
  'GWRoute',
  'GWEndpointSlice',
  'Pod',
  'Namespace',
  'Node',
]);
export type WatchedKind = z.infer<typeof WatchedKind>;

export const EventId = z.uuid();
export type EventId = z.infer<typeof EventId>;

/** ISO-8601 with an offset; `Date.prototype.toISOString()` writes the `Z` form. */
export const OccurredAt = z.iso.datetime({ offset: true });

/**
 * The object an event is about, as it was when the event was derived: the new object's identity
 * and resourceVersion, or for a delete the last one known. `namespace` is absent only for
 * cluster-scoped objects (Namespace, Node).
 */
export const EventSource = z.object({
  kind: WatchedKind,
  namespace: z.string().min(1).optional(),
  name: z.string().min(1),
  uid: z.string().min(1),
  resourceVersion: z.string().min(1),
  generation: z.int().optional(),
});
export type EventSource = z.infer<typeof EventSource>;

/**
 * The schema of one version of one event type. `causationId` names the event that led to this
 * one, when a worker derives events from events (the audit trail follows it).
 */
export function eventSchema<const T extends string, const V extends number, D extends z.ZodType>(
  type: T,
  version: V,
  data: D,
) {
  return z.object({
    id: EventId,
    type: z.literal(type),
    version: z.literal(version),
    occurredAt: OccurredAt,
    source: EventSource,
    causationId: EventId.optional(),
    data,
  });
}

/** Anything `eventFamily` accepts: one event schema, or a union of versions of one type. */
export type EventMemberSchema = z.core.$ZodTypeDiscriminable;

/**
 * A family's union, discriminated by `type`. When a type gets a second version, its member
 * becomes `z.discriminatedUnion('version', [V1, V2])`: zod nests discriminated unions, so
 * consumers keep one `switch (event.type)` and narrow on `version` inside it.
 */
export function eventFamily<
  const Members extends readonly [EventMemberSchema, ...EventMemberSchema[]],
>(members: Members) {
  return z.discriminatedUnion('type', members);
}

/** The fields every event has, whatever its type: enough to route or dead-letter a message. */
export const EnvelopeHeader = z.looseObject({
  id: z.string(),
  type: z.string().min(1),
  version: z.int().min(1),
});
export type EnvelopeHeader = z.infer<typeof EnvelopeHeader>;

/** What a family file says about each of its event types, for the catalogue and the README. */
export interface EventTypeDoc {
  /** The schema versions consumers of this library can parse, oldest first. */
  versions: readonly [number, ...number[]];
  /** When the event is emitted, one sentence. */
  when: string;
  /** The payload (`data`), in a few words. */
  payload: string;
}

/** One `EventTypeDoc` per type of a family union. */
export type EventDocs<E extends { type: string }> = { readonly [T in E['type']]: EventTypeDoc };

/** One issue, flattened for logs and dead-letter headers: `spec.port.port: Too small`. */
export interface Issue {
  path: string;
  message: string;
}

/** zod issues as `path: message` pairs; the root is written `(root)`. */
export function flattenIssues(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
