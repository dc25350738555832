// Nodes: Joined on add, Left on delete, Observed on resync, Changed only when what consumers
// read of a node changed (InternalIPs, labels, spec.unschedulable): kubelets and KWOK rewrite
// node status every few seconds, which must not wake every consumer.
import { z } from 'zod';
import {
  CoreMetadata,
  kindDeriver,
  parseWatched,
  type Change,
  type Emission,
  type Watched,
} from './change.js';
import { jsonEqual } from './json-equal.js';
import type { ClusterNode, NodeArea } from './node-events.js';

export const KubeNode = z.looseObject({
  metadata: CoreMetadata,
  spec: z.looseObject({ unschedulable: z.boolean().optional() }).optional(),
  status: z
    .looseObject({
      addresses: z.array(z.looseObject({ type: z.string(), address: z.string() })).optional(),
    })
    .optional(),
});
export type KubeNode = z.infer<typeof KubeNode>;

export function clusterNodeOf(watched: Watched<KubeNode>): ClusterNode {
  const { object } = watched;
  const addresses = object.status?.addresses ?? [];
  return {
    name: watched.source.name,
    internalIPs: addresses.filter((a) => a.type === 'InternalIP').map((a) => a.address),
    labels: object.metadata.labels ?? {},
    unschedulable: object.spec?.unschedulable === true,
  };
}

/** The areas that differ between two views of a node, in NodeArea order. */
export function changedNodeAreas(before: ClusterNode, after: ClusterNode): NodeArea[] {
  const areas: [NodeArea, boolean][] = [
    ['addresses', !jsonEqual(before.internalIPs, after.internalIPs)],
    ['labels', !jsonEqual(before.labels, after.labels)],
    ['schedulable', before.unschedulable !== after.unschedulable],
  ];
  return areas.filter(([, differs]) => differs).map(([area]) => area);
}

function decide(change: Change<Watched<KubeNode>>): Emission[] {
  if (change.op === 'update') {
    const node = clusterNodeOf(change.next);
    const changed = changedNodeAreas(clusterNodeOf(change.old), node);
    if (changed.length === 0) return [];
    return [{ type: 'NodeChanged', source: change.next.source, data: { node, changed } }];
  }
  const watched = change.op === 'delete' ? change.old : change.next;
  const types = { add: 'NodeJoined', delete: 'NodeLeft', observe: 'NodeObserved' } as const;
  return [
    { type: types[change.op], source: watched.source, data: { node: clusterNodeOf(watched) } },
  ];
}

const nodeSchema = { kind: 'Node', schema: KubeNode, namespaced: false } as const;

export const nodeDeriver = kindDeriver((raw, role) => parseWatched(nodeSchema, raw, role), decide);
