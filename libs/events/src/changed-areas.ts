// Which parts of an object changed between two versions of it, named so consumers can tell "my
// input changed" from noise. What is never a change: metadata.managedFields, resourceVersion,
// generation (it moves only with spec, which is reported), creationTimestamp, and a condition
// whose only difference is lastTransitionTime (the apiserver and some writers re-stamp it).
import { z } from 'zod';
import { differingKeys, isRecord, jsonEqual } from './json-equal.js';

/** The areas, in the order `changed` lists them. `spec` / `status` are followed by their keys. */
export const topLevelAreas = [
  'spec',
  'status',
  'labels',
  'annotations',
  'finalizers',
  'ownerReferences',
  'deletion',
] as const;
export type TopLevelArea = (typeof topLevelAreas)[number];

/**
 * One changed area: a top-level area, or `spec.<key>` / `status.<key>` for each changed key of
 * spec or status (e.g. `status.gue-tunnel-endpoints`, `spec.public-address`).
 */
export const ChangedArea = z
  .string()
  .regex(
    /^(?:(?:spec|status)(?:\.[^.]+)?|labels|annotations|finalizers|ownerReferences|deletion)$/,
  );
export type ChangedArea = z.infer<typeof ChangedArea>;

/** The `changed` list of a *Changed event: never empty (no change, no event). */
export const ChangedAreas = z.array(ChangedArea).min(1);

/** What the diff reads of an object: any parsed kind fits. */
export interface Diffable {
  metadata: {
    labels?: Record<string, string> | undefined;
    annotations?: Record<string, string> | undefined;
    finalizers?: string[] | undefined;
    ownerReferences?: unknown[] | undefined;
    deletionTimestamp?: string | undefined;
  };
  spec?: unknown;
  status?: unknown;
}

function withoutTransitionTime(condition: unknown): unknown {
  if (!isRecord(condition)) return condition;
  const rest = { ...condition };
  delete rest['lastTransitionTime'];
  return rest;
}

function conditionType(condition: unknown): string {
  return isRecord(condition) && typeof condition['type'] === 'string' ? condition['type'] : '';
}

/** Conditions are a list map keyed by type: order and transition times are not changes. */
function comparableStatus(status: unknown): unknown {
  if (!isRecord(status) || !Array.isArray(status['conditions'])) return status;
  const conditions = (status['conditions'] as unknown[])
    .map(withoutTransitionTime)
    .sort((a, b) => conditionType(a).localeCompare(conditionType(b)));
  return { ...status, conditions };
}

function keyedAreas(area: 'spec' | 'status', keys: readonly string[]): ChangedArea[] {
  return keys.length === 0 ? [] : [area, ...keys.map((key) => `${area}.${key}`)];
}

function sorted(list: readonly string[] | undefined): string[] {
  return [...(list ?? [])].sort();
}

type Metadata = Diffable['metadata'];

/** The metadata areas, in `topLevelAreas` order, each with the test that it changed. */
const metadataChecks: readonly (readonly [
  TopLevelArea,
  (old: Metadata, next: Metadata) => boolean,
])[] = [
  ['labels', (old, next) => !jsonEqual(old.labels ?? {}, next.labels ?? {})],
  ['annotations', (old, next) => !jsonEqual(old.annotations ?? {}, next.annotations ?? {})],
  ['finalizers', (old, next) => !jsonEqual(sorted(old.finalizers), sorted(next.finalizers))],
  [
    'ownerReferences',
    (old, next) => !jsonEqual(old.ownerReferences ?? [], next.ownerReferences ?? []),
  ],
  ['deletion', (old, next) => (old.deletionTimestamp ?? null) !== (next.deletionTimestamp ?? null)],
];

function metadataAreas(old: Metadata, next: Metadata): ChangedArea[] {
  return metadataChecks.filter(([, differs]) => differs(old, next)).map(([area]) => area);
}

/**
 * The areas that differ between `old` and `next`, in `topLevelAreas` order; empty when nothing
 * meaningful changed. Without `old` (a create) every area `next` has is listed, and always
 * `spec`: a new object's spec is new even when empty.
 */
export function changedAreas(old: Diffable | undefined, next: Diffable): ChangedArea[] {
  const before: Diffable = old ?? { metadata: {} };
  const specKeys = differingKeys(before.spec, next.spec);
  const statusKeys = differingKeys(comparableStatus(before.status), comparableStatus(next.status));
  const specAreas =
    old === undefined && specKeys.length === 0 ? ['spec'] : keyedAreas('spec', specKeys);
  return [
    ...specAreas,
    ...keyedAreas('status', statusKeys),
    ...metadataAreas(before.metadata, next.metadata),
  ];
}
