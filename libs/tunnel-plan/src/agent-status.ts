// The status fields a node agent owns, merged into a fresh copy of what it read: the EPIC-side
// `epic-address` of the tunnels that end on its node, and (LoadBalancers, first EPIC node only)
// `proxy-ifindex` / `proxy-ifname`. The id-allocator owns every `tunnel-id` and the entries
// themselves, so the merge never writes a tunnel-id, never adds or removes an entry, and never
// rewrites an epic-address that names another node in the seed fields. Used inside
// replaceWithRetry (read, merge, Update with the read resourceVersion), it is safe against the
// allocator writing at the same time: a conflict re-reads and merges again.
import type { GueClientTunnels, GueTunnelEndpoints } from '@epic/model';
import { sameProxy, type ProxyInterface, type ProxyRef } from './inputs.js';
import type { NodeTunnelTable } from './node-table.js';

export interface AgentStatusFields {
  /** This node's address: the key of its `epic-endpoints` entries and its `epic-address`. */
  nodeAddress: string;
  /** Client nodes whose seed fields this node holds: it fills their empty epic-address. */
  seedClients: string[];
  /** Client nodes whose `epic-endpoints[nodeAddress]` this node holds. */
  pairClients: string[];
  /** The Envoy pod's veth, written only by a LoadBalancer's first EPIC node. */
  proxyInterface?: ProxyInterface | undefined;
}

/** The fields a node writes for one proxy, from its table; undefined when it serves none. */
export function agentStatusFields(
  table: NodeTunnelTable,
  proxy: ProxyRef,
): AgentStatusFields | undefined {
  const entry = table.proxies.find((p) => sameProxy(p.proxy, proxy));
  if (!entry) return undefined;
  const clients = (source: string) =>
    entry.tunnels.filter((row) => row.source === source).map((row) => row.clientAddress);
  const ownsInterface = entry.firstEpicNode && proxy.kind === 'LoadBalancer';
  return {
    nodeAddress: table.address,
    seedClients: clients('seed'),
    pairClients: clients('epic-endpoints'),
    proxyInterface: ownsInterface ? entry.pods.find((p) => p.interface)?.interface : undefined,
  };
}

/** The status shapes the merge touches (LoadBalancer status; GWProxy status lacks the proxy-if*). */
export interface TunnelStatus {
  'gue-tunnel-endpoints'?: GueTunnelEndpoints | undefined;
  'proxy-ifindex'?: number | undefined;
  'proxy-ifname'?: string | undefined;
}

/**
 * A copy of `status` with the agent's fields merged in, or undefined when nothing changes (so a
 * repeated run writes nothing). `status` is not modified.
 */
export function mergeAgentStatus<S extends TunnelStatus>(
  status: S | undefined,
  fields: AgentStatusFields,
): S | undefined {
  const tunnels = mergeTunnels(status?.['gue-tunnel-endpoints'], fields);
  const proxyInterface = interfaceUpdate(status, fields.proxyInterface);
  if (!tunnels && !proxyInterface) return undefined;
  return { ...status, ...(tunnels && { 'gue-tunnel-endpoints': tunnels }), ...proxyInterface } as S;
}

function mergeTunnels(
  current: GueTunnelEndpoints | undefined,
  fields: AgentStatusFields,
): GueTunnelEndpoints | undefined {
  const tunnels: GueTunnelEndpoints = { ...current };
  let changed = false;
  for (const client of fields.seedClients) {
    const entry = claimSeed(tunnels[client], fields.nodeAddress);
    if (entry) [tunnels[client], changed] = [entry, true];
  }
  for (const client of fields.pairClients) {
    const entry = fillPair(tunnels[client], fields.nodeAddress);
    if (entry) [tunnels[client], changed] = [entry, true];
    const seed = claimSeedOfPair(tunnels[client], fields.nodeAddress);
    if (seed) [tunnels[client], changed] = [seed, true];
  }
  return changed ? tunnels : undefined;
}

function interfaceUpdate(status: TunnelStatus | undefined, iface: ProxyInterface | undefined) {
  if (!iface) return undefined;
  const same = status?.['proxy-ifindex'] === iface.index && status['proxy-ifname'] === iface.name;
  return same ? undefined : { 'proxy-ifindex': iface.index, 'proxy-ifname': iface.name };
}

/** The entry with its seed epic-address filled, or undefined when that is not ours to do. */
function claimSeed(entry: GueClientTunnels | undefined, nodeAddress: string) {
  const held = (entry?.['tunnel-id'] ?? 0) > 0;
  if (!entry || !held || entry['epic-address']) return undefined;
  return { ...entry, 'epic-address': nodeAddress };
}

/**
 * Once the allocator lists pairs, the pair entry wins the lookup and the first EPIC node's row is
 * a pair row, yet the seed fields still describe that same tunnel (the reference keeps them as
 * "the tunnel to the first EPIC node"). Tunnel IDs are unique system-wide, so a seed with this
 * node's pair ID is this node's: its empty epic-address is filled too.
 */
function claimSeedOfPair(entry: GueClientTunnels | undefined, nodeAddress: string) {
  const pairId = entry?.['epic-endpoints']?.[nodeAddress]?.['tunnel-id'];
  if (!entry || pairId === undefined || entry['tunnel-id'] !== pairId) return undefined;
  return claimSeed(entry, nodeAddress);
}

function fillPair(entry: GueClientTunnels | undefined, nodeAddress: string) {
  const pairs = entry?.['epic-endpoints'];
  const pair = pairs?.[nodeAddress];
  if (!entry || !pair || pair['epic-address'] === nodeAddress) return undefined;
  return {
    ...entry,
    'epic-endpoints': { ...pairs, [nodeAddress]: { ...pair, 'epic-address': nodeAddress } },
  };
}
