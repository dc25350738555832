// THE translation from watched objects to domain events, pure: the ingest app passes what its
// informer saw (old and new raw objects, or a resync), an id source and the time, and publishes
// what comes back. Kubernetes stays the source of truth; events are triggers and history.
import { DomainEvent, eventTypeInfo } from './catalogue.js';
import { classifyChange, type Change, type Emission, type Outcome } from './change.js';
import { customResourceDeriver } from './derive-custom-resource.js';
import { namespaceDeriver } from './derive-namespace.js';
import { nodeDeriver } from './derive-node.js';
import { proxyPodDeriver } from './derive-proxy-pod.js';
import type { WatchedKind } from './envelope.js';
import type { InvalidObject } from './invalid-object.js';

export interface DeriveInput {
  kind: WatchedKind;
  /** The object before the change; absent on add and resync. */
  old?: unknown;
  /** The object after the change; absent on delete (then `old` is the last known object). */
  new?: unknown;
  /** A periodic resync (relist) of `new`: emit *Observed so workers converge. */
  observed?: boolean;
  /** A fresh uuid per call (crypto.randomUUID in the app, a counter in tests). */
  newId: () => string;
  now: Date;
  /** The id of the event that led to this change, when known. */
  causationId?: string;
}

/**
 * Either the events the change means (possibly none: noise, or not an object of ours), or the
 * object that could not be parsed, which yields no event at all.
 */
export type DeriveResult =
  | { readonly ok: true; readonly events: DomainEvent[] }
  | { readonly ok: false; readonly invalid: InvalidObject };

const derivers: Readonly<Record<WatchedKind, (change: Change<unknown>) => Outcome>> = {
  EPIC: customResourceDeriver('EPIC'),
  Account: customResourceDeriver('Account'),
  ServicePrefix: customResourceDeriver('ServicePrefix'),
  LBServiceGroup: customResourceDeriver('LBServiceGroup'),
  LoadBalancer: customResourceDeriver('LoadBalancer'),
  RemoteEndpoint: customResourceDeriver('RemoteEndpoint'),
  GWProxy: customResourceDeriver('GWProxy'),
  GWRoute: customResourceDeriver('GWRoute'),
  GWEndpointSlice: customResourceDeriver('GWEndpointSlice'),
  Pod: proxyPodDeriver,
  Namespace: namespaceDeriver,
  Node: nodeDeriver,
};

/** The current (newest) version of a type: what producers write. */
function currentVersion(type: Emission['type']): number {
  const { versions } = eventTypeInfo(type);
  return versions[versions.length - 1] ?? 1;
}

/** Build and parse (parse on produce): a bug here throws rather than publishing garbage. */
function buildEvent(input: DeriveInput, emission: Emission): DomainEvent {
  return DomainEvent.parse({
    id: input.newId(),
    type: emission.type,
    version: currentVersion(emission.type),
    occurredAt: input.now.toISOString(),
    source: emission.source,
    ...(input.causationId === undefined ? {} : { causationId: input.causationId }),
    data: emission.data,
  });
}

/**
 * The domain events one watch callback means. Throws only on a caller bug (no object given, a
 * resync without the object); an object that fails its schema is the `invalid` result.
 */
export function deriveEvents(input: DeriveInput): DeriveResult {
  const outcome = derivers[input.kind](classifyChange(input));
  if (!outcome.ok) return outcome;
  return { ok: true, events: outcome.emissions.map((emission) => buildEvent(input, emission)) };
}
