// Which proxies an event asks envoy-renderer to look at. Created, Changed and Observed all lead
// to the same idempotent reconcile (Kubernetes decides, not the event), so a lost or repeated
// event is harmless; the periodic resync's Observed events catch up on anything missed.
import type { DomainEvent, DomainEventType, EventOfType } from '@epic/events';
import type { ProxyKind } from '@epic/envoy-deployment';
import type { ObjectRef } from '@epic/kube';
import type { Logger } from '@epic/logging';

/** What the routes call; EnvoyRenderer in production, a recorder in tests. */
export interface RenderTarget {
  reconcile(kind: ProxyKind, ref: ObjectRef, log: Logger): Promise<void>;
  reconcileGroup(namespace: string, group: string, log: Logger): Promise<void>;
  reconcileAll(log: Logger): Promise<void>;
}

type Route<T extends DomainEventType> = (
  event: EventOfType<T>,
  target: RenderTarget,
  log: Logger,
) => Promise<void> | undefined;

type Routes = { [T in DomainEventType]?: Route<T> };

/** The event's own object, as a ref (every routed event has a namespace). */
function sourceRef(event: DomainEvent): ObjectRef {
  return { namespace: event.source.namespace ?? '', name: event.source.name };
}

/**
 * A Changed event matters unless only status changed: we read nothing from a proxy's status,
 * and our own ProxyReady writes would otherwise bounce back as work.
 */
function touchesMoreThanStatus(changed: readonly string[]): boolean {
  return changed.some((area) => area !== 'status' && !area.startsWith('status.'));
}

const proxy = (kind: ProxyKind) => (event: DomainEvent, target: RenderTarget, log: Logger) =>
  target.reconcile(kind, sourceRef(event), log);

const changedProxy =
  (kind: ProxyKind) =>
  (event: { data: { changed: string[] } } & DomainEvent, target: RenderTarget, log: Logger) =>
    touchesMoreThanStatus(event.data.changed)
      ? target.reconcile(kind, sourceRef(event), log)
      : undefined;

/** Envoy inputs of a service group: which image, how many replicas. */
const groupAreas = new Set(['spec.envoy-image', 'spec.envoy-replica-count', 'deletion']);

const group = (event: DomainEvent, target: RenderTarget, log: Logger) =>
  target.reconcileGroup(event.source.namespace ?? '', event.source.name, log);

const pod = (
  event: EventOfType<'ProxyPodReady' | 'ProxyPodGone'>,
  target: RenderTarget,
  log: Logger,
) => {
  const { namespace, owner } = event.data.pod;
  return target.reconcile(owner.kind, { namespace, name: owner.name }, log);
};

const routes: Routes = {
  LoadBalancerRequested: proxy('LoadBalancer'),
  LoadBalancerChanged: changedProxy('LoadBalancer'),
  LoadBalancerDeleting: proxy('LoadBalancer'),
  LoadBalancerObserved: proxy('LoadBalancer'),
  ProxyRequested: proxy('GWProxy'),
  ProxyChanged: changedProxy('GWProxy'),
  ProxyDeleting: proxy('GWProxy'),
  ProxyObserved: proxy('GWProxy'),
  ServiceGroupCreated: group,
  ServiceGroupChanged: (event, target, log) =>
    event.data.changed.some((area) => groupAreas.has(area)) ? group(event, target, log) : undefined,
  ServiceGroupDeleted: group,
  // A pod turning Ready or going changes the count; Scheduled does not.
  ProxyPodReady: pod,
  ProxyPodGone: pod,
  EpicConfigChanged: (event, target, log) =>
    event.data.changed.includes('spec.envoy-image') ? target.reconcileAll(log) : undefined,
};

/** Runs what the event asks for, if anything (other events are no-ops). */
export async function routeEvent(
  event: DomainEvent,
  target: RenderTarget,
  log: Logger,
): Promise<void> {
  const route = routes[event.type] as Route<DomainEventType> | undefined;
  await route?.(event, target, log);
}
