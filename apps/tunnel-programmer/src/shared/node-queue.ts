// Names shared by the dispatcher and the node agents: one BullMQ queue per EPIC node, the Redis
// key holding the node's latest payload, and the job id that makes repeats collapse.
import { programJobId } from '@epic/tunnel-plan';

const queueBase = 'epic.v1.tunnels';

/**
 * `[<prefix>.]epic.v1.tunnels.<node>`: the node's queue. A node name is a DNS subdomain, so it
 * never holds the ':' BullMQ forbids; the topic prefix keeps test runs apart.
 */
export function nodeQueueName(prefix: string, node: string): string {
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(node)) {
    throw new Error(`node name "${node}" cannot name a queue: it is not a DNS subdomain`);
  }
  return prefix === '' ? `${queueBase}.${node}` : `${prefix}.${queueBase}.${node}`;
}

/**
 * The Redis hash with the node's latest payload (`payload`) and the hash of the last payload a
 * job was enqueued for (`enqueued`). Outside BullMQ's `bull:` key space.
 */
export function latestPayloadKey(queueName: string): string {
  return `${queueName}.latest`;
}

/** `<node>_<payload hash>`: the same payload enqueued twice is one job. */
export function nodeJobId(node: string, hash: string): string {
  return programJobId(node, hash);
}

/** What a job carries: only a doorbell; the agent programs the latest payload, not the job's. */
export interface NodeJobData {
  node: string;
  hash: string;
}

/** Job options: done and failed doorbells go at once, so a later payload with the same hash can ring again. */
export const nodeJobOptions = {
  removeOnComplete: true,
  removeOnFail: true,
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
} as const;
