// The epic.acnodal.io kinds: one rule per kind names its events; the decisions are shared.
//   add     -> the kind's "added" event (Requested / Created / Added), or Deleting when the object
//              is already being deleted and the kind has a Deleting event
//   update  -> Deleting when deletionTimestamp appears (LoadBalancer, GWProxy); else *Changed
//              with the changed areas, or nothing when only noise changed
//   delete  -> *Gone / *Deleted / *Removed with the last known object
//   resync  -> *Observed
import {
  Account,
  EPIC,
  GWEndpointSlice,
  GWProxy,
  GWRoute,
  LBServiceGroup,
  LoadBalancer,
  RemoteEndpoint,
  ServicePrefix,
  type ObjectMeta,
} from '@epic/model';
import type { z } from 'zod';
import type { DomainEventType } from './catalogue.js';
import { changedAreas, type ChangedArea, type Diffable } from './changed-areas.js';
import { kindDeriver, parseWatched, type Change, type Emission, type Watched } from './change.js';
import type { WatchedKind } from './envelope.js';

export type CustomResourceKind = Exclude<WatchedKind, 'Pod' | 'Namespace' | 'Node'>;

interface CustomResource extends Diffable {
  metadata: ObjectMeta;
}

interface CustomResourceRule {
  schema: z.ZodType<CustomResource>;
  /** On add; when it is the `changed` type (EPIC), it lists every area the object has. */
  added: DomainEventType;
  changed: DomainEventType;
  /** Kinds whose finalizers make deletion a process: deletionTimestamp set -> this event. */
  deleting?: DomainEventType;
  deleted: DomainEventType;
  observed: DomainEventType;
}

export const customResourceRules: Readonly<Record<CustomResourceKind, CustomResourceRule>> = {
  EPIC: {
    schema: EPIC,
    added: 'EpicConfigChanged',
    changed: 'EpicConfigChanged',
    deleted: 'EpicConfigDeleted',
    observed: 'EpicConfigObserved',
  },
  Account: {
    schema: Account,
    added: 'AccountCreated',
    changed: 'AccountChanged',
    deleted: 'AccountDeleted',
    observed: 'AccountObserved',
  },
  ServicePrefix: {
    schema: ServicePrefix,
    added: 'ServicePrefixCreated',
    changed: 'ServicePrefixChanged',
    deleted: 'ServicePrefixDeleted',
    observed: 'ServicePrefixObserved',
  },
  LBServiceGroup: {
    schema: LBServiceGroup,
    added: 'ServiceGroupCreated',
    changed: 'ServiceGroupChanged',
    deleted: 'ServiceGroupDeleted',
    observed: 'ServiceGroupObserved',
  },
  LoadBalancer: {
    schema: LoadBalancer,
    added: 'LoadBalancerRequested',
    changed: 'LoadBalancerChanged',
    deleting: 'LoadBalancerDeleting',
    deleted: 'LoadBalancerGone',
    observed: 'LoadBalancerObserved',
  },
  RemoteEndpoint: {
    schema: RemoteEndpoint,
    added: 'RemoteEndpointAdded',
    changed: 'RemoteEndpointChanged',
    deleted: 'RemoteEndpointRemoved',
    observed: 'RemoteEndpointObserved',
  },
  GWProxy: {
    schema: GWProxy,
    added: 'ProxyRequested',
    changed: 'ProxyChanged',
    deleting: 'ProxyDeleting',
    deleted: 'ProxyGone',
    observed: 'ProxyObserved',
  },
  GWRoute: {
    schema: GWRoute,
    added: 'RouteAdded',
    changed: 'RouteChanged',
    deleted: 'RouteRemoved',
    observed: 'RouteObserved',
  },
  GWEndpointSlice: {
    schema: GWEndpointSlice,
    added: 'EndpointSliceAdded',
    changed: 'EndpointSliceChanged',
    deleted: 'EndpointSliceRemoved',
    observed: 'EndpointSliceObserved',
  },
};

/** managedFields is bookkeeping of the apiserver, large and never an input: not in snapshots. */
function snapshot(object: CustomResource): CustomResource {
  const metadata = { ...object.metadata };
  delete metadata['managedFields'];
  return { ...object, metadata };
}

function emit(
  type: DomainEventType,
  watched: Watched<CustomResource>,
  changed?: ChangedArea[],
): Emission {
  const object = snapshot(watched.object);
  const data = changed === undefined ? { object } : { object, changed };
  return { type, source: watched.source, data };
}

function isDeleting(object: CustomResource): boolean {
  return object.metadata.deletionTimestamp !== undefined;
}

function onAdd(rule: CustomResourceRule, next: Watched<CustomResource>): Emission[] {
  if (rule.deleting !== undefined && isDeleting(next.object)) return [emit(rule.deleting, next)];
  if (rule.added === rule.changed) {
    return [emit(rule.changed, next, changedAreas(undefined, next.object))];
  }
  return [emit(rule.added, next)];
}

function onUpdate(
  rule: CustomResourceRule,
  old: Watched<CustomResource>,
  next: Watched<CustomResource>,
): Emission[] {
  const deletionStarted = !isDeleting(old.object) && isDeleting(next.object);
  if (rule.deleting !== undefined && deletionStarted) return [emit(rule.deleting, next)];
  const changed = changedAreas(old.object, next.object);
  return changed.length === 0 ? [] : [emit(rule.changed, next, changed)];
}

function decide(rule: CustomResourceRule, change: Change<Watched<CustomResource>>): Emission[] {
  switch (change.op) {
    case 'add':
      return onAdd(rule, change.next);
    case 'update':
      return onUpdate(rule, change.old, change.next);
    case 'delete':
      return [emit(rule.deleted, change.old)];
    case 'observe':
      return [emit(rule.observed, change.next)];
  }
}

/** The derivation of one custom-resource kind. */
export function customResourceDeriver(kind: CustomResourceKind) {
  const rule = customResourceRules[kind];
  const spec = { kind, schema: rule.schema, namespaced: true };
  return kindDeriver(
    (raw, role) => parseWatched(spec, raw, role),
    (change) => decide(rule, change),
  );
}
