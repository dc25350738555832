// Actual vs desired data-plane state -> ordered operations. Both sides are lists of resources
// (a tunnel, a gateway, a device, a route, ...) named by kind and id, with the fields that
// matter in `spec`. A driver turns its table into desired resources and its read-back into
// actual ones, so the rules here are the same for every driver:
//   - only in actual: remove (unless the kind leaves extras alone); only in desired: add;
//     in both with a different spec: update; in both and equal: nothing.
//   - removes first, dependents before what they depend on (reverse kind order); then updates,
//     then adds, in kind order. An id that is re-used for different content is an update, and
//     anything an add could collide with has been removed before it.
// Applying the plan and diffing again yields nothing: the plan is idempotent by construction.
import { compareNatural } from './compare.js';

export type SpecValue = string | number | boolean;

export interface Resource {
  kind: string;
  id: string;
  spec: Readonly<Record<string, SpecValue>>;
}

export type DiffOp =
  | { op: 'remove'; kind: string; id: string; before: Resource }
  | { op: 'update'; kind: string; id: string; before: Resource; after: Resource }
  | { op: 'add'; kind: string; id: string; after: Resource };

export interface KindPolicy {
  kind: string;
  /** False: resources of this kind found but not desired are left alone (shared with others). */
  removeExtras: boolean;
}

export interface DiffInput {
  actual: readonly Resource[];
  desired: readonly Resource[];
  /** Every kind, in dependency order (a kind depends only on kinds before it). */
  kinds: readonly KindPolicy[];
}

export function resourceKey(r: Pick<Resource, 'kind' | 'id'>): string {
  return `${r.kind}/${r.id}`;
}

function index(resources: readonly Resource[], side: string, kinds: Set<string>) {
  const byKey = new Map<string, Resource>();
  for (const r of resources) {
    if (!kinds.has(r.kind))
      throw new Error(`${side} resource ${resourceKey(r)} has an unknown kind`);
    if (byKey.has(resourceKey(r)))
      throw new Error(`${side} resource ${resourceKey(r)} is listed twice`);
    byKey.set(resourceKey(r), r);
  }
  return byKey;
}

export function sameSpec(a: Resource['spec'], b: Resource['spec']): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

/** The ordered operations that turn `actual` into `desired`. */
export function diffResources(input: DiffInput): DiffOp[] {
  const kindNames = new Set(input.kinds.map((k) => k.kind));
  const actual = index(input.actual, 'actual', kindNames);
  const desired = index(input.desired, 'desired', kindNames);
  const rank = new Map(input.kinds.map((k, i) => [k.kind, i]));
  const keepExtras = new Set(input.kinds.filter((k) => !k.removeExtras).map((k) => k.kind));
  const byKindThenId = (a: Resource, b: Resource) =>
    rank.get(a.kind)! - rank.get(b.kind)! || compareNatural(a.id, b.id);

  const removes = [...actual.values()]
    .filter((r) => !desired.has(resourceKey(r)) && !keepExtras.has(r.kind))
    .sort((a, b) => rank.get(b.kind)! - rank.get(a.kind)! || compareNatural(a.id, b.id))
    .map((before): DiffOp => ({ op: 'remove', kind: before.kind, id: before.id, before }));
  const updates = [...desired.values()]
    .filter((r) => {
      const before = actual.get(resourceKey(r));
      return before !== undefined && !sameSpec(before.spec, r.spec);
    })
    .sort(byKindThenId)
    .map((after): DiffOp => ({
      op: 'update',
      kind: after.kind,
      id: after.id,
      before: actual.get(resourceKey(after))!,
      after,
    }));
  const adds = [...desired.values()]
    .filter((r) => !actual.has(resourceKey(r)))
    .sort(byKindThenId)
    .map((after): DiffOp => ({ op: 'add', kind: after.kind, id: after.id, after }));
  return [...removes, ...updates, ...adds];
}
