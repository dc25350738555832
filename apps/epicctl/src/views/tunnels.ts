// The GUE tunnels a LoadBalancer (status) or GWProxy (spec) holds, flattened. The seed's entry
// per client node describes the tunnel to the first EPIC node; `epic-endpoints` lists every
// (client node, EPIC node) pair, which repeats that first one, so equal pairs count once.
import type { GueTunnelEndpoints } from '@epic/model';

export interface Tunnel {
  clientNode: string;
  epicAddress: string | undefined;
  epicPort: number | undefined;
  tunnelId: number | undefined;
}

/** Every distinct tunnel in a `gue-tunnel-endpoints` map, ordered by client node. */
export function tunnelsOf(endpoints: GueTunnelEndpoints | undefined): Tunnel[] {
  const seen = new Map<string, Tunnel>();
  const clientNodes = Object.keys(endpoints ?? {}).sort();
  for (const clientNode of clientNodes) {
    const entry = endpoints?.[clientNode];
    if (!entry) continue;
    const pairs = [entry, ...Object.values(entry['epic-endpoints'] ?? {})];
    for (const pair of pairs) {
      const tunnel: Tunnel = {
        clientNode,
        epicAddress: pair['epic-address'],
        epicPort: pair['epic-port'].port,
        tunnelId: pair['tunnel-id'],
      };
      seen.set(`${clientNode}|${tunnel.epicAddress ?? ''}|${tunnel.tunnelId ?? ''}`, tunnel);
    }
  }
  return [...seen.values()];
}
