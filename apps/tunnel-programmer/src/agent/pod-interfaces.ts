// Where an Envoy pod's veth is on this node (see veth-parse.ts for how it is recognised). Two
// sources, chosen by --interface-source:
//   netns        look it up in the node's network namespaces by the pod's IP (default): the
//                kernel is the truth, and it stays right after a reboot renumbers interfaces;
//   annotations  trust `epic.acnodal.io/ifindex` / `ifname` on the pod, as the original's
//                network daemon wrote them (the dispatcher already put them in the table).
// The netns source needs the container runtime's named namespaces (/var/run/netns, as
// containerd and CRI-O create them for CNI) to be visible to the agent.
import type { ProxyInterface } from '@epic/tunnel-plan';
import { CommandError, type Runner } from './command-runner.js';
import { nodeSideOf, parseAddressOwners, parseNetnsList, parseNodeVeths } from './veth-parse.js';

export type InterfaceSource = 'netns' | 'annotations';

/** Pod IP -> the node side of its veth, for the IPs that were found. */
export type FoundInterfaces = Map<string, ProxyInterface>;

export async function findPodInterfaces(
  runner: Runner,
  ip: string,
  podIPs: readonly string[],
): Promise<FoundInterfaces> {
  const found: FoundInterfaces = new Map();
  const remaining = new Set(podIPs);
  if (remaining.size === 0) return found;
  const namespaces = parseNetnsList((await runner.run([ip, '-j', 'netns', 'list'])).stdout);
  const veths = parseNodeVeths((await runner.run([ip, '-d', '-j', 'link', 'show'])).stdout);
  const peered = new Set(veths.map((v) => v.peerNetnsId));
  for (const ns of namespaces.filter((n) => peered.has(n.id))) {
    if (remaining.size === 0) break;
    const owners = await addressOwners(runner, ip, ns.name);
    for (const podIP of [...remaining]) {
      const ifindex = owners.get(podIP);
      const side =
        ifindex === undefined ? undefined : nodeSideOf(veths, { netnsId: ns.id, ifindex });
      if (side) {
        found.set(podIP, side);
        remaining.delete(podIP);
      }
    }
  }
  return found;
}

/** A namespace that vanished between the list and the look (a pod went away) holds nothing. */
async function addressOwners(runner: Runner, ip: string, netns: string) {
  try {
    return parseAddressOwners((await runner.run([ip, '-n', netns, '-j', 'addr', 'show'])).stdout);
  } catch (err) {
    if (err instanceof CommandError) return new Map<string, number>();
    throw err;
  }
}
