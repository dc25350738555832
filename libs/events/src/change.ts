// The shape every kind's derivation shares: classify the watch callback's (old, new, observed)
// into one change, parse its objects, then let the kind decide which events it means.
import { z } from 'zod';
import type { DomainEventType } from './catalogue.js';
import { flattenIssues, type EventSource, type WatchedKind } from './envelope.js';
import { invalidObject, type InvalidObject, type ObjectRole } from './invalid-object.js';

export type Change<T> =
  | { readonly op: 'add'; readonly next: T }
  | { readonly op: 'update'; readonly old: T; readonly next: T }
  | { readonly op: 'delete'; readonly old: T }
  | { readonly op: 'observe'; readonly next: T };

/** A parsed object with the event source it stands for. */
export interface Watched<O> {
  object: O;
  source: EventSource;
}

export type Parsed<O> =
  | { readonly ok: true; readonly value: Watched<O> }
  | { readonly ok: false; readonly invalid: InvalidObject };

/** An event to build: the kind decides type, source and data; the builder adds id and time. */
export interface Emission {
  type: DomainEventType;
  source: EventSource;
  data: unknown;
}

export type Outcome =
  | { readonly ok: true; readonly emissions: Emission[] }
  | { readonly ok: false; readonly invalid: InvalidObject };

export interface ChangeInput {
  old?: unknown;
  new?: unknown;
  observed?: boolean;
}

/** Which change a watch callback reports. Neither old nor new is a caller bug. */
export function classifyChange(input: ChangeInput): Change<unknown> {
  const { old, new: next, observed = false } = input;
  if (next === undefined) {
    if (old === undefined || observed) {
      throw new Error('deriveEvents needs the new object for an add, update or resync');
    }
    return { op: 'delete', old };
  }
  if (observed) return { op: 'observe', next };
  return old === undefined ? { op: 'add', next } : { op: 'update', old, next };
}

type Resolved<O> =
  | { readonly ok: true; readonly change: Change<Watched<O>> }
  | { readonly ok: false; readonly invalid: InvalidObject };

type Parse<O> = (raw: unknown, role: ObjectRole) => Parsed<O>;

/**
 * The change with its objects parsed. An update whose old object does not parse cannot say what
 * changed, so it becomes a resync of the new one (the old one was reported when it was new).
 */
function resolveChange<O>(change: Change<unknown>, parse: Parse<O>): Resolved<O> {
  if (change.op === 'delete') {
    const old = parse(change.old, 'old');
    return old.ok ? { ok: true, change: { op: 'delete', old: old.value } } : old;
  }
  const next = parse(change.next, 'new');
  if (!next.ok) return next;
  if (change.op !== 'update') return { ok: true, change: { op: change.op, next: next.value } };
  const old = parse(change.old, 'old');
  return {
    ok: true,
    change: old.ok
      ? { op: 'update', old: old.value, next: next.value }
      : { op: 'observe', next: next.value },
  };
}

/** A kind's derivation: parse with `parse`, then `decide`. */
export function kindDeriver<O>(
  parse: Parse<O>,
  decide: (change: Change<Watched<O>>) => Emission[],
): (change: Change<unknown>) => Outcome {
  return (change) => {
    const resolved = resolveChange(change, parse);
    return resolved.ok ? { ok: true, emissions: decide(resolved.change) } : resolved;
  };
}

const Identity = z.object({
  namespace: z.string().min(1),
  name: z.string().min(1),
  uid: z.string().min(1),
  resourceVersion: z.string().min(1),
  generation: z.int().optional(),
});
const ClusterIdentity = Identity.omit({ namespace: true });

/**
 * The metadata the core kinds' derivers read (identity and labels), everything else carried;
 * read field by field, so client-node's typed objects pass as well as wire JSON.
 */
export const CoreMetadata = z.looseObject({
  name: z.string().optional(),
  namespace: z.string().optional(),
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
  generation: z.int().optional(),
  labels: z.record(z.string(), z.string()).optional(),
});

export interface WatchedSchema<O> {
  kind: WatchedKind;
  schema: z.ZodType<O>;
  namespaced: boolean;
}

/** Parse a raw object with its schema, then read the identity its events' source needs. */
export function parseWatched<O extends { metadata: unknown }>(
  spec: WatchedSchema<O>,
  raw: unknown,
  role: ObjectRole,
): Parsed<O> {
  const { kind, schema, namespaced } = spec;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = flattenIssues(parsed.error);
    const message = `${role} ${kind} does not match its schema`;
    return { ok: false, invalid: invalidObject({ kind, role, raw, message, issues }) };
  }
  const identity = (namespaced ? Identity : ClusterIdentity).safeParse(parsed.data.metadata);
  if (!identity.success) {
    const issues = flattenIssues(identity.error).map((i) => ({ ...i, path: `metadata.${i.path}` }));
    const message = `${role} ${kind} lacks the identity an event needs`;
    return { ok: false, invalid: invalidObject({ kind, role, raw, message, issues }) };
  }
  return { ok: true, value: { object: parsed.data, source: { kind, ...identity.data } } };
}
