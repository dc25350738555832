// One event of every type, derived from the fixtures by deriveEvents itself, in catalogue order:
// for round-trip tests here and for consumers' tests elsewhere.
import { eventTypes, type DomainEvent } from '../catalogue.js';
import { deriveEvents, type DeriveInput } from '../derive-events.js';
import type { WatchedKind } from '../envelope.js';
import {
  accountNamespaceObject,
  accountObject,
  envoyPodObject,
  epicNodeObject,
  epicObject,
  fixedNow,
  gwEndpointSliceObject,
  gwProxyObject,
  gwRouteObject,
  loadBalancerObject,
  pendingEnvoyPodObject,
  remoteEndpointObject,
  sequentialIds,
  serviceGroupObject,
  servicePrefixObject,
} from './objects.js';

type Raw = { metadata: object; spec?: object };

function relabelled(object: Raw): Raw {
  return {
    ...object,
    metadata: { ...object.metadata, resourceVersion: '101', labels: { x: 'y' } },
  };
}

function deleting(object: Raw): Raw {
  const metadata = { ...object.metadata, deletionTimestamp: '2025-06-01T11:00:00Z' };
  return { ...object, metadata };
}

/** add, update, deletion started, delete, resync of one object. */
function lifecycle(kind: WatchedKind, object: Raw): Omit<DeriveInput, 'newId' | 'now'>[] {
  return [
    { kind, new: object },
    { kind, old: object, new: relabelled(object) },
    { kind, old: object, new: deleting(object) },
    { kind, old: object },
    { kind, new: object, observed: true },
  ];
}

const scenarios: Omit<DeriveInput, 'newId' | 'now'>[] = [
  ...lifecycle('EPIC', epicObject),
  ...lifecycle('Account', accountObject),
  ...lifecycle('ServicePrefix', servicePrefixObject),
  ...lifecycle('LBServiceGroup', serviceGroupObject),
  ...lifecycle('LoadBalancer', loadBalancerObject),
  ...lifecycle('RemoteEndpoint', remoteEndpointObject),
  ...lifecycle('GWProxy', gwProxyObject),
  ...lifecycle('GWRoute', gwRouteObject),
  ...lifecycle('GWEndpointSlice', gwEndpointSliceObject),
  { kind: 'Pod', old: pendingEnvoyPodObject, new: envoyPodObject },
  { kind: 'Pod', old: envoyPodObject },
  { kind: 'Pod', new: envoyPodObject, observed: true },
  ...lifecycle('Namespace', accountNamespaceObject),
  ...lifecycle('Node', epicNodeObject),
];

/** One event of every type in `eventTypes` order (throws if a type has no sample). */
export function sampleEvents(): DomainEvent[] {
  const newId = sequentialIds();
  const byType = new Map<string, DomainEvent>();
  for (const scenario of scenarios) {
    const result = deriveEvents({ ...scenario, newId, now: fixedNow });
    if (!result.ok) throw new Error(`fixture is invalid: ${result.invalid.message}`);
    for (const event of result.events) if (!byType.has(event.type)) byType.set(event.type, event);
  }
  return eventTypes.map((type) => {
    const event = byType.get(type);
    if (event === undefined) throw new Error(`no sample event of type ${type}`);
    return event;
  });
}
