// Which events call for what. Created, Changed, Deleting and Observed of an owner all lead to
// the same idempotent reconcile (Kubernetes decides, not the event), so a lost or repeated event
// is harmless; the event's own snapshot only lets a settled owner skip the read.
import type { DomainEvent, DomainEventType, EventSource } from '@epic/events';
import type { Logger } from '@epic/logging';
import type { AddressAllocator } from './address-allocator.js';
import { isSettled, type Owner, type OwnerKind } from './owners.js';

/** The allocator's steps an event can call for. */
export type AddressSteps = Pick<AddressAllocator, 'reconcile' | 'forget' | 'reclaim'>;

type Action = (allocator: AddressSteps, event: DomainEvent, log: Logger) => Promise<unknown>;

/** Resync reconciles verify the claim behind a recorded address too (re-claiming a lost one). */
const reconcile =
  (kind: OwnerKind, verify = false): Action =>
  async (allocator, event, log) => {
    const snapshot = snapshotOf(event);
    if (!verify && snapshot && isSettled(snapshot)) return;
    const ref = { namespace: event.source.namespace ?? '', name: event.source.name };
    await allocator.reconcile(kind, ref, log, { verify, ...(snapshot ? { seen: snapshot } : {}) });
  };

const forget: Action = async (allocator, event, log) => {
  const snapshot = snapshotOf(event);
  if (snapshot) await allocator.forget(snapshot, log);
};

const reclaim: Action = (allocator, event, log) => allocator.reclaim(event.source.name, log);

const actions: Partial<Record<DomainEventType, Action>> = {
  LoadBalancerRequested: reconcile('LoadBalancer'),
  LoadBalancerChanged: reconcile('LoadBalancer'),
  LoadBalancerDeleting: reconcile('LoadBalancer'),
  LoadBalancerObserved: reconcile('LoadBalancer', true),
  LoadBalancerGone: forget,
  ProxyRequested: reconcile('GWProxy'),
  ProxyChanged: reconcile('GWProxy'),
  ProxyDeleting: reconcile('GWProxy'),
  ProxyObserved: reconcile('GWProxy', true),
  ProxyGone: forget,
  ServicePrefixObserved: reclaim,
};

export type Scope = (source: Pick<EventSource, 'kind' | 'namespace' | 'name'>) => boolean;

/**
 * Whether the event calls for a step of this replica, decided before it is queued: not our kind
 * or scope, a ServicePrefix change (mostly our own writes), or the echo of a change that left
 * its owner settled (a later change brings its own event) is dropped.
 */
export function wantsEvent(event: DomainEvent, inScope: Scope = () => true): boolean {
  if (!actions[event.type] || event.source.namespace === undefined || !inScope(event.source)) {
    return false;
  }
  const snapshot = snapshotOf(event);
  const settledEcho = event.type.endsWith('Changed') || event.type.endsWith('Requested');
  return !(settledEcho && snapshot && isSettled(snapshot));
}

/** Runs the event's step, if any; `inScope` limits what this replica serves (all by default). */
export async function routeEvent(
  event: DomainEvent,
  allocator: AddressSteps,
  log: Logger,
  inScope: Scope = () => true,
): Promise<void> {
  const action = actions[event.type];
  if (!action || event.source.namespace === undefined || !inScope(event.source)) return;
  await action(allocator, event, log);
}

function snapshotOf(event: DomainEvent): Owner | undefined {
  const data = event.data as { object?: Owner };
  const object = data.object;
  return object?.kind === 'LoadBalancer' || object?.kind === 'GWProxy' ? object : undefined;
}
