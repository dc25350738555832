// The seed's ID allocation as pure decisions: which IDs to claim from which counter, and how to
// record them. The id-allocator app runs them inside replaceWithRetry (@epic/kube).
export {
  claimRange,
  counterValue,
  isAssigned,
  uint16Max,
  uint32Max,
  type ClaimRange,
  type ClaimRangeInput,
  type ExhaustedPlan,
} from './counter.js';
export { planGroupId, recordGroupId, type GroupIdPlan } from './group-id.js';
export {
  planServiceIds,
  recordServiceId,
  type ServiceIdAssignment,
  type ServiceIdPlan,
} from './service-id.js';
export {
  applyTunnelIds,
  nodeAddressesOf,
  planTunnelIds,
  type EpicGueEndpoint,
  type LoadBalancerRef,
  type TunnelIdAssignment,
  type TunnelIdPlan,
  type TunnelWant,
} from './tunnel-ids.js';
export {
  accountIdsCondition,
  exhaustedCondition,
  idsAllocatedCondition,
  loadBalancerIdsCondition,
  type ExhaustedReason,
} from './conditions.js';
export {
  applyPairTunnelIds,
  firstEpicNode,
  missingPairs,
  planPairTunnelIds,
  type PairTunnelId,
  type PairTunnelPlan,
  type PairWant,
} from './tunnel-pairs.js';
