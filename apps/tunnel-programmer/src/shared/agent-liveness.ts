// Whether a node's agent is alive: it refreshes a short-lived Redis key; the dispatcher reads
// the keys of every EPIC node. A proxy being deleted must not wait forever for an agent that
// is gone (the original's deletions hung on a dead node agent): the dispatcher drops such a
// node's finalizer from it, and when the agent comes back its start-up run re-applies the
// latest table, which no longer holds the proxy, so its tunnels still leave the node.
import type { Redis } from 'ioredis';
import { nodeQueueName } from './node-queue.js';

/** Seconds an agent counts as alive after its last beat. */
export const livenessTtlSeconds = 60;
/** How often an agent beats (well inside the TTL). */
export const heartbeatSeconds = 20;

export function livenessKey(prefix: string, node: string): string {
  return `${nodeQueueName(prefix, node)}.alive`;
}

export async function beat(redis: Redis, prefix: string, node: string): Promise<void> {
  await redis.set(livenessKey(prefix, node), new Date().toISOString(), 'EX', livenessTtlSeconds);
}

/** The nodes among `nodes` whose agent has not beaten within the TTL. */
export async function agentlessNodes(
  redis: Redis,
  prefix: string,
  nodes: readonly string[],
): Promise<string[]> {
  if (nodes.length === 0) return [];
  const beats = await redis.mget(nodes.map((node) => livenessKey(prefix, node)));
  return nodes.filter((_, i) => beats[i] === null || beats[i] === undefined);
}
