import type { DomainEvent, DomainEventType } from '@epic/events';
import { owningLoadBalancerLabel, type ObjectMeta } from '@epic/model';
import type { ObjectRef } from '@epic/kube';
import { accountMayNeedIds, carriedObject, loadBalancerMayNeedIds } from './event-needs.js';
import type { IdAllocator } from './id-allocator.js';

type Action = (allocator: IdAllocator, ref: ObjectRef, event: DomainEvent) => Promise<unknown>;

const groupId: Action = (allocator, ref) => allocator.ensureGroupId(ref);
const lbIds: Action = (allocator, ref) => allocator.ensureLoadBalancerIds(ref);
const owningLbTunnels: Action = async (allocator, ref, event) => {
  const data = event.data as { object?: { metadata?: ObjectMeta } };
  const lb = data.object?.metadata?.labels?.[owningLoadBalancerLabel];
  if (lb) await allocator.ensureTunnelIds({ namespace: ref.namespace, name: lb });
};

const proxyPodTunnels: Action = async (allocator, ref, event) => {
  const data = event.data as { pod?: { owner?: { kind?: string; name?: string } } };
  const owner = data.pod?.owner;
  if (owner?.kind === 'LoadBalancer' && owner.name) {
    await allocator.ensurePairTunnelIds({ namespace: ref.namespace, name: owner.name });
  }
};

/**
 * Which IDs an event may call for. Created, Changed and Observed all lead to the same
 * idempotent check (Kubernetes decides, not the event), so a lost or repeated event is harmless.
 */
const actions: Partial<Record<DomainEventType, Action>> = {
  AccountCreated: groupId,
  AccountChanged: groupId,
  AccountObserved: groupId,
  LoadBalancerRequested: lbIds,
  LoadBalancerChanged: lbIds,
  LoadBalancerObserved: lbIds,
  RemoteEndpointAdded: owningLbTunnels,
  RemoteEndpointChanged: owningLbTunnels,
  RemoteEndpointObserved: owningLbTunnels,
  // Replicas landing on another EPIC node need (client node, EPIC node) pair tunnels.
  ProxyPodScheduled: proxyPodTunnels,
  ProxyPodGone: proxyPodTunnels,
};

/** Changed / Observed events of objects that visibly hold all their IDs are noise (our own writes' echoes). */
const mayNeedIds: Partial<
  Record<DomainEventType, (object: Parameters<typeof accountMayNeedIds>[0]) => boolean>
> = {
  AccountChanged: accountMayNeedIds,
  AccountObserved: accountMayNeedIds,
  LoadBalancerChanged: loadBalancerMayNeedIds,
  LoadBalancerObserved: loadBalancerMayNeedIds,
};

/** Whether the event may call for an ID in a namespace this replica serves. */
export function wantsEvent(
  event: DomainEvent,
  inScope: (namespace: string) => boolean = () => true,
): boolean {
  const { namespace } = event.source;
  if (actions[event.type] === undefined || namespace === undefined || !inScope(namespace))
    return false;
  const object = carriedObject(event);
  const needs = mayNeedIds[event.type];
  return needs === undefined || object === undefined || needs(object);
}

/** Runs the event's allocation, if any; `inScope` limits the namespaces handled (all by default). */
export async function routeEvent(
  event: DomainEvent,
  allocator: IdAllocator,
  inScope: (namespace: string) => boolean = () => true,
): Promise<void> {
  const { namespace, name } = event.source;
  const action = actions[event.type];
  if (!action || namespace === undefined || !inScope(namespace)) return;
  await action(allocator, { namespace, name }, event);
}
