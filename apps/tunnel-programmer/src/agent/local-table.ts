// The dispatcher's table with this node's own knowledge of its pods' veths put in. Pure. With
// the netns source every pod's interface is what the node found (or none: an annotation left
// from before a reboot would point at the wrong veth); `no-interface` problems follow suit and
// the hash is recomputed, so the table says exactly what will be programmed.
import {
  contentHash,
  noInterface,
  type NodeTunnelTable,
  type TableProblem,
} from '@epic/tunnel-plan';
import type { FoundInterfaces } from './pod-interfaces.js';

export function withFoundInterfaces(
  table: NodeTunnelTable,
  found: FoundInterfaces,
): NodeTunnelTable {
  const problems: TableProblem[] = table.problems.filter((p) => p.kind !== 'no-interface');
  const proxies = table.proxies.map((entry) => ({
    ...entry,
    pods: entry.pods.map((pod) => {
      const iface = pod.podIP === undefined ? undefined : found.get(pod.podIP);
      if (!iface) problems.push(noInterface(entry.proxy, pod.name, table.node));
      return { ...pod, interface: iface };
    }),
  }));
  const content = { node: table.node, address: table.address, proxies, problems };
  return { ...content, hash: contentHash(content) };
}

/** The pod IPs of a table, for the lookup. */
export function podIPsOf(table: NodeTunnelTable): string[] {
  return table.proxies.flatMap((p) => p.pods.flatMap((pod) => (pod.podIP ? [pod.podIP] : [])));
}
