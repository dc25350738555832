// Node events (topic family `nodes`): the cluster's nodes as the tunnel-programmer reads them —
// their InternalIPs (a tunnel's EPIC address), labels (the EPIC node selector) and whether they
// take new pods. Heartbeats and other status churn make no event.
import { z } from 'zod';
import { eventFamily, eventSchema, type EventDocs } from './envelope.js';

export const ClusterNode = z.object({
  name: z.string().min(1),
  /** status.addresses of type InternalIP, in the node's order. */
  internalIPs: z.array(z.string().min(1)),
  labels: z.record(z.string(), z.string()),
  unschedulable: z.boolean(),
});
export type ClusterNode = z.infer<typeof ClusterNode>;

/** What of a node changed, in this order. */
export const NodeArea = z.enum(['addresses', 'labels', 'schedulable']);
export type NodeArea = z.infer<typeof NodeArea>;

const nodeData = z.object({ node: ClusterNode });

export const NodeJoined = eventSchema('NodeJoined', 1, nodeData);
export type NodeJoined = z.infer<typeof NodeJoined>;

export const NodeChanged = eventSchema(
  'NodeChanged',
  1,
  nodeData.extend({ changed: z.array(NodeArea).min(1) }),
);
export type NodeChanged = z.infer<typeof NodeChanged>;

export const NodeLeft = eventSchema('NodeLeft', 1, nodeData);
export type NodeLeft = z.infer<typeof NodeLeft>;

export const NodeObserved = eventSchema('NodeObserved', 1, nodeData);
export type NodeObserved = z.infer<typeof NodeObserved>;

export const NodeEvent = eventFamily([NodeJoined, NodeChanged, NodeLeft, NodeObserved]);
export type NodeEvent = z.infer<typeof NodeEvent>;

const payload = '`node`: name, internalIPs, labels, unschedulable';

export const nodeEventDocs: EventDocs<NodeEvent> = {
  NodeJoined: { versions: [1], when: 'A node was added to the cluster.', payload },
  NodeChanged: {
    versions: [1],
    when: 'Its InternalIPs, labels or schedulability changed (not heartbeats or other status).',
    payload: `${payload}; \`changed\`: addresses, labels, schedulable`,
  },
  NodeLeft: { versions: [1], when: 'The node was deleted from the API.', payload },
  NodeObserved: { versions: [1], when: 'Resync: the node exists.', payload },
};
