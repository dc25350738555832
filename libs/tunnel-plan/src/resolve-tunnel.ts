// Which tunnel ID carries a (client node, EPIC node) pair of one proxy. The seed's map holds one
// EPIC endpoint per client node (the "seed" fields: epic-address, epic-port, tunnel-id); the
// reference adds `epic-endpoints`, one entry per pair. A pair entry wins; the seed fields count
// for the EPIC node they name, or, while their epic-address is still empty, for the proxy's
// first EPIC node (the lowest address hosting one of its pods), which then claims them.
import type { GueTunnelEndpoints } from '@epic/model';

export type TunnelSource = 'epic-endpoints' | 'seed';

export interface ResolvedTunnel {
  tunnelId: number;
  /** The GUE port on the EPIC node (epic-port.port; 6080 unless configured). */
  epicPort: number;
  source: TunnelSource;
}

export type Resolution =
  | { kind: 'found'; tunnel: ResolvedTunnel }
  /** No tunnel ID for this pair yet: the id-allocator has not written one. */
  | { kind: 'missing' }
  /** Both the pair entry and the seed fields name this pair, with different IDs. */
  | { kind: 'conflict'; tunnel: ResolvedTunnel; seedTunnelId: number };

export interface PairQuery {
  tunnels: GueTunnelEndpoints | undefined;
  clientAddress: string;
  epicAddress: string;
  /** The lowest EPIC node address hosting a pod of the proxy. */
  firstEpicAddress: string | undefined;
}

const defaultGuePort = 6080;

function assigned(id: number | undefined): id is number {
  return id !== undefined && id > 0;
}

/** The seed fields' tunnel when they belong to this EPIC node. */
function seedTunnel(query: PairQuery): ResolvedTunnel | undefined {
  const entry = query.tunnels?.[query.clientAddress];
  const tunnelId = entry?.['tunnel-id'];
  if (!entry || !assigned(tunnelId)) return undefined;
  const seedAddress = entry['epic-address'];
  const mine = seedAddress
    ? seedAddress === query.epicAddress
    : query.epicAddress === query.firstEpicAddress;
  if (!mine) return undefined;
  return { tunnelId, epicPort: entry['epic-port']?.port ?? defaultGuePort, source: 'seed' };
}

function pairTunnel(query: PairQuery): ResolvedTunnel | undefined {
  const pair = query.tunnels?.[query.clientAddress]?.['epic-endpoints']?.[query.epicAddress];
  const tunnelId = pair?.['tunnel-id'];
  if (!pair || !assigned(tunnelId)) return undefined;
  return {
    tunnelId,
    epicPort: pair['epic-port']?.port ?? defaultGuePort,
    source: 'epic-endpoints',
  };
}

/** Looks up the tunnel of one (client node, EPIC node) pair; never invents an ID. */
export function resolveTunnel(query: PairQuery): Resolution {
  const pair = pairTunnel(query);
  const seed = seedTunnel(query);
  if (pair && seed && seed.tunnelId !== pair.tunnelId) {
    return { kind: 'conflict', tunnel: pair, seedTunnelId: seed.tunnelId };
  }
  const tunnel = pair ?? seed;
  return tunnel ? { kind: 'found', tunnel } : { kind: 'missing' };
}
