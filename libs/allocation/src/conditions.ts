// What id-allocator says on the objects it serves: one condition type per object, owned by
// id-allocator alone. Messages are stable sentences (no timestamps, no raw API errors), so a
// re-run that finds the same truth produces the same condition and writes nothing.
import type { Account, ConditionUpdate, GueTunnelEndpoints, LoadBalancer } from '@epic/model';
import { isAssigned, plural } from './counter.js';

/** The condition id-allocator owns on LoadBalancers and Accounts. */
export const idsAllocatedCondition = 'IdsAllocated';

/** Why an ID could not be handed out; each is a condition reason and an Event reason. */
export type ExhaustedReason = 'GroupIdsExhausted' | 'ServiceIdsExhausted' | 'TunnelIdsExhausted';

type Generation = { metadata: { generation?: number | undefined } };

/**
 * The LoadBalancer's IdsAllocated condition once it holds a service ID: True when every client
 * node has a tunnel ID, else False (waiting). Undefined before the service ID is recorded.
 */
export function loadBalancerIdsCondition(
  lb: Pick<LoadBalancer, 'metadata' | 'spec'> & {
    status?: { 'gue-tunnel-endpoints'?: GueTunnelEndpoints | undefined } | undefined;
  },
  nodeAddresses: readonly string[],
): ConditionUpdate | undefined {
  const serviceId = lb.spec['service-id'];
  if (!isAssigned(serviceId)) return undefined;
  const tunnels = lb.status?.['gue-tunnel-endpoints'] ?? {};
  const missing = nodeAddresses.filter((a) => !isAssigned(tunnels[a]?.['tunnel-id']));
  const held = nodeAddresses.length - missing.length;
  const tunnelText =
    nodeAddresses.length === 0
      ? 'no client nodes yet, so no tunnel IDs'
      : `${plural(held, 'tunnel ID')} for ${plural(nodeAddresses.length, 'client node')}`;
  return {
    type: idsAllocatedCondition,
    status: missing.length === 0 ? 'True' : 'False',
    reason: missing.length === 0 ? 'Allocated' : 'TunnelIdsPending',
    message:
      missing.length === 0
        ? `Service ID ${serviceId} and ${tunnelText} are allocated.`
        : `Service ID ${serviceId} is allocated; ${tunnelText}: waiting for ${missing.join(', ')}.`,
    ...observed(lb),
  };
}

/** The Account's IdsAllocated condition once it holds a group ID. */
export function accountIdsCondition(
  account: Pick<Account, 'metadata' | 'spec'>,
): ConditionUpdate | undefined {
  const groupId = account.spec['group-id'];
  if (!isAssigned(groupId)) return undefined;
  return {
    type: idsAllocatedCondition,
    status: 'True',
    reason: 'Allocated',
    message: `Group ID ${groupId} is allocated.`,
    ...observed(account),
  };
}

/** An object that cannot get an ID: the counter's space is used up; never wrapped around. */
export function exhaustedCondition(
  object: Generation,
  reason: ExhaustedReason,
  message: string,
): ConditionUpdate {
  return {
    type: idsAllocatedCondition,
    status: 'False',
    reason,
    message: `${capitalize(message)}. IDs are never reused or wrapped around; ${fixFor[reason]}`,
    ...observed(object),
  };
}

const fixFor: Record<ExhaustedReason, string> = {
  GroupIdsExhausted: 'no new account can be served by this EPIC installation.',
  ServiceIdsExhausted: 'create the LoadBalancer in another account.',
  TunnelIdsExhausted: 'no new tunnel can be served by this EPIC installation.',
};

function observed(object: Generation): { observedGeneration?: number } {
  const generation = object.metadata.generation;
  return generation === undefined ? {} : { observedGeneration: generation };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
