// Which Changed / Observed events can still call for an ID, judged from the object the event
// carries. Every write id-allocator makes comes back as a Changed event (twice, with duplicate
// delivery); re-checking an object that visibly holds all its IDs and says so costs API reads
// for nothing. Kubernetes still decides: an event that passes is re-checked against the API.
import type { DomainEvent } from '@epic/events';
import { idsAllocatedCondition } from '@epic/allocation';
import { findCondition, type Condition } from '@epic/model';

interface CarriedObject {
  spec?: { 'service-id'?: number; 'group-id'?: number };
  status?: {
    'gue-tunnel-endpoints'?: Record<string, { 'tunnel-id'?: number }>;
    conditions?: Condition[];
  };
}

const settled = (object: CarriedObject) =>
  findCondition(object.status?.conditions, idsAllocatedCondition)?.status === 'True';

/** An Account needs work until it holds a group ID and says so. */
export function accountMayNeedIds(object: CarriedObject): boolean {
  return !((object.spec?.['group-id'] ?? 0) > 0 && settled(object));
}

/**
 * A LoadBalancer needs work until it holds a service ID, every tunnel entry holds a tunnel ID,
 * and its condition says all are allocated (new client nodes arrive as RemoteEndpoint events).
 */
export function loadBalancerMayNeedIds(object: CarriedObject): boolean {
  const tunnels = Object.values(object.status?.['gue-tunnel-endpoints'] ?? {});
  const allTunnels = tunnels.every((t) => (t['tunnel-id'] ?? 0) > 0);
  return !((object.spec?.['service-id'] ?? 0) > 0 && allTunnels && settled(object));
}

/** The object a Changed / Observed event carries, if any. */
export function carriedObject(event: DomainEvent): CarriedObject | undefined {
  const data = event.data as { object?: CarriedObject };
  return data.object;
}
