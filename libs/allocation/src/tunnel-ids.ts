// Tunnel IDs: unique system-wide, claimed in a batch from the EPIC singleton's
// status.current-tunnel-id (32-bit) and recorded per client node in a LoadBalancer's
// status.gue-tunnel-endpoints. One Update of the EPIC claims an ID for every new
// (LoadBalancer, client node) pair; each LB is then recorded on its own.
import type {
  EPIC,
  EPICStatus,
  EpicPort,
  GueTunnelEndpoints,
  LoadBalancerStatus,
  RemoteEndpoint,
} from '@epic/model';
import { compareStrings } from './compare.js';
import {
  claimRange,
  counterValue,
  exhaustedPlan,
  isAssigned,
  plural,
  uint32Max,
  type ExhaustedPlan,
} from './counter.js';

export interface LoadBalancerRef {
  namespace: string;
  name: string;
}

export interface TunnelWant {
  lb: LoadBalancerRef;
  /** Client node addresses the LB's RemoteEndpoints sit on (see `nodeAddressesOf`). */
  nodeAddresses: readonly string[];
  /** The LB's status.gue-tunnel-endpoints as read: nodes holding a tunnel-id keep it. */
  existing: GueTunnelEndpoints | undefined;
}

export interface TunnelIdAssignment {
  lb: LoadBalancerRef;
  /** Client node address -> its new tunnel ID. */
  tunnelIds: Record<string, number>;
}

export type TunnelIdPlan =
  /** Every wanted node already holds a tunnel ID. */
  | { kind: 'nothing-to-do' }
  /** Write `epicStatus` (Update, read resourceVersion), then record each LB's assignment. */
  | { kind: 'claim'; epicStatus: EPICStatus; assignments: TunnelIdAssignment[] }
  | ExhaustedPlan;

/** The EPIC's GUE endpoint (spec.base.gue-endpoint): what a new client-node entry starts from. */
export interface EpicGueEndpoint {
  'epic-address'?: string | undefined;
  'epic-port': EpicPort;
}

/**
 * Decides which (LoadBalancer, client node) pairs need a tunnel ID and which IDs they get. The
 * order (LB namespace/name, then node address) does not depend on the order of `wants`, so a
 * retry after a conflict plans the same pairs. A node listed twice for one LB, or one LB listed
 * twice, gets one ID per pair. All or nothing when too few IDs remain.
 */
export function planTunnelIds(
  epic: Pick<EPIC, 'status'>,
  wants: readonly TunnelWant[],
): TunnelIdPlan {
  const pairs = newPairs(wants);
  const count = pairs.reduce((sum, p) => sum + p.addresses.length, 0);
  if (count === 0) return { kind: 'nothing-to-do' };
  const last = counterValue(epic.status?.['current-tunnel-id']);
  const claim = claimRange({ last, count, max: uint32Max });
  if (!claim.ok) {
    return exhaustedPlan(
      claim,
      `EPIC epic/epic: ${pairs.length === 1 ? 'a LoadBalancer needs' : `${pairs.length} LoadBalancers need`} ` +
        `${plural(count, 'tunnel ID')} but only ${claim.remaining} of ${uint32Max} remain ` +
        `(status.current-tunnel-id is ${last})`,
    );
  }
  let next = claim.first;
  const assignments = pairs.map(({ lb, addresses }) => ({
    lb,
    tunnelIds: Object.fromEntries(addresses.map((address) => [address, next++])),
  }));
  return {
    kind: 'claim',
    epicStatus: { ...epic.status, 'current-tunnel-id': claim.last },
    assignments,
  };
}

/**
 * Merges assigned tunnel IDs into a LoadBalancer status. A node that already holds a tunnel ID
 * keeps it (ours then leaks, which is safe); an existing entry only gains `tunnel-id`, so
 * `epic-address`, `epic-port` and `epic-endpoints` stay whatever their owners wrote; a new
 * entry starts from the EPIC's GUE endpoint. Returns undefined when nothing changes.
 */
export function applyTunnelIds(
  lbStatus: LoadBalancerStatus | undefined,
  tunnelIds: Readonly<Record<string, number>>,
  epicEndpoint: EpicGueEndpoint,
): LoadBalancerStatus | undefined {
  const current = lbStatus?.['gue-tunnel-endpoints'] ?? {};
  const next: GueTunnelEndpoints = { ...current };
  let changed = false;
  for (const [address, tunnelId] of Object.entries(tunnelIds)) {
    const entry = current[address];
    if (isAssigned(entry?.['tunnel-id'])) continue;
    next[address] = entry ? { ...entry, 'tunnel-id': tunnelId } : newEntry(epicEndpoint, tunnelId);
    changed = true;
  }
  return changed ? { ...lbStatus, 'gue-tunnel-endpoints': next } : undefined;
}

/**
 * The client node addresses a LoadBalancer needs tunnels to: distinct, sorted, from its
 * RemoteEndpoints that name a node and are not being deleted.
 */
export function nodeAddressesOf(
  endpoints: readonly Pick<RemoteEndpoint, 'metadata' | 'spec'>[],
): string[] {
  const live = endpoints.filter((ep) => ep.metadata.deletionTimestamp === undefined);
  const addresses = live.map((ep) => ep.spec['node-address']).filter((a) => a !== undefined);
  return [...new Set(addresses)].sort(compareStrings);
}

interface NewPairs {
  lb: LoadBalancerRef;
  addresses: string[];
}

function newPairs(wants: readonly TunnelWant[]): NewPairs[] {
  const byLb = new Map<string, { lb: LoadBalancerRef; wanted: Set<string>; held: Set<string> }>();
  for (const want of wants) {
    const key = `${want.lb.namespace}/${want.lb.name}`;
    const lb = byLb.get(key) ?? { lb: { ...want.lb }, wanted: new Set(), held: new Set() };
    byLb.set(key, lb);
    want.nodeAddresses.forEach((address) => lb.wanted.add(address));
    heldAddresses(want.existing).forEach((address) => lb.held.add(address));
  }
  return [...byLb.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([, { lb, wanted, held }]) => ({
      lb,
      addresses: [...wanted].filter((a) => !held.has(a)).sort(compareStrings),
    }))
    .filter((pair) => pair.addresses.length > 0);
}

function heldAddresses(existing: GueTunnelEndpoints | undefined): string[] {
  return Object.entries(existing ?? {})
    .filter(([, entry]) => isAssigned(entry['tunnel-id']))
    .map(([address]) => address);
}

function newEntry(epicEndpoint: EpicGueEndpoint, tunnelId: number) {
  const address = epicEndpoint['epic-address'];
  return {
    ...(address === undefined ? {} : { 'epic-address': address }),
    'epic-port': { ...epicEndpoint['epic-port'] },
    'tunnel-id': tunnelId,
  };
}
