// The demo stands in for the EPIC node's network daemon: on a real node it wires each Envoy
// pod's veth and writes the veth's ifindex and name on the pod (the original's annotations,
// which the tunnel agent reads with --interface-source annotations). KWOK pods have no veth,
// so the demo writes the seed's values: the first pod gets ifindex 16, `veth67060f1f`.
import { createHash } from 'node:crypto';
import { ifindexAnnotation, ifnameAnnotation } from '@epic/tunnel-plan';

const seedInterface = { index: 16, name: 'veth67060f1f' };

export interface PodLike {
  metadata?: {
    name?: string | undefined;
    annotations?: Record<string, string> | undefined;
    deletionTimestamp?: unknown;
  };
  spec?: { nodeName?: string | undefined };
}

export interface InterfacePatch {
  pod: string;
  annotations: Record<string, string>;
}

/** A veth name like the kernel's: `veth` + 8 hex digits, stable per pod. */
function vethName(pod: string): string {
  return `veth${createHash('sha256').update(pod).digest('hex').slice(0, 8)}`;
}

/**
 * The annotations to write: scheduled, live pods without them get one interface each, in name
 * order (ifindex 16, 17, ...; the first keeps the seed's name). Pods that have them are left
 * alone, so the values never change under the agent.
 */
export function interfacePatches(pods: readonly PodLike[]): InterfacePatch[] {
  const live = pods
    .filter((p) => p.spec?.nodeName && p.metadata?.name && !p.metadata.deletionTimestamp)
    .map((p) => ({ name: p.metadata?.name ?? '', annotations: p.metadata?.annotations ?? {} }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const taken = new Set(live.map((p) => p.annotations[ifindexAnnotation]).filter(Boolean));
  const patches: InterfacePatch[] = [];
  let next = seedInterface.index;
  for (const pod of live.filter((p) => !p.annotations[ifindexAnnotation])) {
    while (taken.has(String(next))) next++;
    taken.add(String(next));
    const name = next === seedInterface.index ? seedInterface.name : vethName(pod.name);
    patches.push({
      pod: pod.name,
      annotations: { [ifindexAnnotation]: String(next), [ifnameAnnotation]: name },
    });
  }
  return patches;
}
