// Tunnels when a LoadBalancer's Envoy replicas span several EPIC nodes: every (client node,
// EPIC node) pair needs a tunnel of its own (reference.md). The seed's fields of a client entry
// keep describing the tunnel to the first EPIC node; `epic-endpoints` lists every pair, the
// first one carrying the seed's tunnel ID, the others fresh IDs from the same EPIC counter, so
// tunnel IDs stay unique system-wide. With one EPIC node nothing is added: the seed's fields say
// it all.
import type {
  EPIC,
  EPICStatus,
  EpicPort,
  GueClientTunnels,
  GueTunnelEndpoints,
  LoadBalancerStatus,
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
import type { LoadBalancerRef } from './tunnel-ids.js';

export interface PairWant {
  lb: LoadBalancerRef;
  /** Client node addresses (see `nodeAddressesOf`). */
  nodeAddresses: readonly string[];
  /** Addresses of the EPIC nodes that host the LB's Envoy pods. */
  epicNodes: readonly string[];
  /** The LB's status.gue-tunnel-endpoints as read. */
  existing: GueTunnelEndpoints | undefined;
}

/** One (client node, EPIC node) pair and its new tunnel ID. */
export interface PairTunnelId {
  client: string;
  epic: string;
  tunnelId: number;
}

export type PairTunnelPlan =
  | { kind: 'nothing-to-do' }
  | {
      kind: 'claim';
      epicStatus: EPICStatus;
      assignments: { lb: LoadBalancerRef; pairs: PairTunnelId[] }[];
    }
  | ExhaustedPlan;

/**
 * The EPIC node the seed's fields of a client entry describe: the one its `epic-address`
 * names when that node hosts a pod, else the lowest address (the tunnel-programmer's rule).
 */
export function firstEpicNode(
  entry: GueClientTunnels | undefined,
  epicNodes: readonly string[],
): string | undefined {
  const named = entry?.['epic-address'];
  if (named !== undefined && epicNodes.includes(named)) return named;
  return [...epicNodes].sort(compareStrings)[0];
}

/** Pairs beyond each client's first EPIC node that hold no tunnel ID yet (clients with a seed tunnel ID only). */
export function missingPairs(want: PairWant): { client: string; epic: string }[] {
  if (new Set(want.epicNodes).size < 2) return [];
  const epics = [...new Set(want.epicNodes)].sort(compareStrings);
  return [...new Set(want.nodeAddresses)].sort(compareStrings).flatMap((client) => {
    const entry = want.existing?.[client];
    if (!isAssigned(entry?.['tunnel-id'])) return []; // the seed's tunnel comes first
    const first = firstEpicNode(entry, epics);
    return epics
      .filter(
        (epic) => epic !== first && !isAssigned(entry?.['epic-endpoints']?.[epic]?.['tunnel-id']),
      )
      .map((epic) => ({ client, epic }));
  });
}

/** Which pairs get which IDs, all in one claim on the EPIC counter (all or nothing). */
export function planPairTunnelIds(
  epic: Pick<EPIC, 'status'>,
  wants: readonly PairWant[],
): PairTunnelPlan {
  const needs = wants
    .map((want) => ({ lb: want.lb, pairs: missingPairs(want) }))
    .filter((n) => n.pairs.length > 0);
  const count = needs.reduce((n, need) => n + need.pairs.length, 0);
  if (count === 0) return { kind: 'nothing-to-do' };
  const last = counterValue(epic.status?.['current-tunnel-id']);
  const claim = claimRange({ last, count, max: uint32Max });
  if (!claim.ok) {
    return exhaustedPlan(
      claim,
      `EPIC epic/epic: ${plural(count, 'tunnel ID')} are needed for (client node, EPIC node) pairs but only ` +
        `${claim.remaining} of ${uint32Max} remain (status.current-tunnel-id is ${last})`,
    );
  }
  let next = claim.first;
  return {
    kind: 'claim',
    epicStatus: { ...epic.status, 'current-tunnel-id': claim.last },
    assignments: needs.map((need) => ({
      lb: need.lb,
      pairs: need.pairs.map((p) => ({ ...p, tunnelId: next++ })),
    })),
  };
}

/**
 * Merges pair tunnel IDs into the status and lists each client's first pair with the seed's
 * tunnel ID. A pair that holds an ID keeps it (ours then leaks, which is safe); other fields of
 * a pair entry stay as their owner wrote them. Undefined when nothing changes.
 */
export function applyPairTunnelIds(
  lbStatus: LoadBalancerStatus | undefined,
  pairs: readonly PairTunnelId[],
  epicNodes: readonly string[],
  epicPort: EpicPort,
): LoadBalancerStatus | undefined {
  if (new Set(epicNodes).size < 2) return undefined;
  const current = lbStatus?.['gue-tunnel-endpoints'] ?? {};
  const next: GueTunnelEndpoints = { ...current };
  let changed = false;
  const put = (client: string, epic: string, tunnelId: number | undefined) => {
    const entry = next[client];
    if (
      !entry ||
      !isAssigned(tunnelId) ||
      isAssigned(entry['epic-endpoints']?.[epic]?.['tunnel-id'])
    )
      return;
    const pair = entry['epic-endpoints']?.[epic] ?? {
      'epic-address': epic,
      'epic-port': { ...epicPort },
    };
    next[client] = {
      ...entry,
      'epic-endpoints': { ...entry['epic-endpoints'], [epic]: { ...pair, 'tunnel-id': tunnelId } },
    };
    changed = true;
  };
  for (const [client, entry] of Object.entries(current)) {
    const first = firstEpicNode(entry, epicNodes);
    if (first !== undefined) put(client, first, entry['tunnel-id']);
  }
  for (const pair of pairs) put(pair.client, pair.epic, pair.tunnelId);
  return changed ? { ...lbStatus, 'gue-tunnel-endpoints': next } : undefined;
}
