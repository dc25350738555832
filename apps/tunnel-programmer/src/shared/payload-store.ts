// Where node payloads live between the dispatcher and the agents. The latest payload of a node
// sits in a Redis hash; a BullMQ job `<node>_<hash>` on the node's queue rings the agent's
// doorbell. The agent always programs the latest payload, never a job's own copy, so jobs that
// run late or out of order cannot roll a node back, and a restarted agent finds its table
// without any job. Older waiting doorbells are removed when a new one is added, so a burst of
// changes leaves one job per node.
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { agentlessNodes } from './agent-liveness.js';
import { parseNodePayload, type NodePayload } from './node-payload.js';
import {
  latestPayloadKey,
  nodeJobId,
  nodeJobOptions,
  nodeQueueName,
  type NodeJobData,
} from './node-queue.js';

export type PublishResult = 'unchanged' | 'enqueued';

export class PayloadPublisher {
  private readonly queues = new Map<string, Queue<NodeJobData>>();

  /** `redis` should fail fast when Redis is away (enableOfflineQueue: false). */
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /**
   * Stores the payload as the node's latest and rings its doorbell, unless a doorbell was
   * already rung for this very payload. The `enqueued` mark is written last, so a crash in
   * between only repeats the work on the next dispatch.
   */
  async publish(payload: NodePayload): Promise<PublishResult> {
    const queueName = nodeQueueName(this.prefix, payload.node);
    const key = latestPayloadKey(queueName);
    if ((await this.redis.hget(key, 'enqueued')) === payload.hash) return 'unchanged';
    await this.redis.hset(key, { payload: JSON.stringify(payload), hash: payload.hash });
    const queue = this.queue(payload.node, queueName);
    const jobId = nodeJobId(payload.node, payload.hash);
    await this.dropOlderDoorbells(queue, jobId);
    await queue.add(
      'program',
      { node: payload.node, hash: payload.hash },
      {
        ...nodeJobOptions,
        jobId,
      },
    );
    await this.redis.hset(key, { enqueued: payload.hash });
    return 'enqueued';
  }

  /** The nodes among `nodes` without a live agent. */
  agentless(nodes: readonly string[]): Promise<string[]> {
    return agentlessNodes(this.redis, this.prefix, nodes);
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }

  private queue(node: string, queueName: string): Queue<NodeJobData> {
    let queue = this.queues.get(node);
    if (!queue) {
      queue = new Queue<NodeJobData>(queueName, { connection: this.redis });
      this.queues.set(node, queue);
    }
    return queue;
  }

  private async dropOlderDoorbells(queue: Queue<NodeJobData>, keep: string): Promise<void> {
    const waiting = await queue.getJobs(['waiting', 'delayed', 'prioritized']);
    // A doorbell the agent has just taken is locked and stays: removing it is not needed.
    await Promise.all(
      waiting.filter((job) => job.id !== keep).map((job) => job.remove().catch(() => undefined)),
    );
  }
}

export type LatestPayload =
  { kind: 'none' } | { kind: 'invalid'; message: string } | { kind: 'found'; payload: NodePayload };

/** The node's latest payload, as the agent reads it. */
export async function readLatestPayload(
  redis: Redis,
  prefix: string,
  node: string,
): Promise<LatestPayload> {
  const text = await redis.hget(latestPayloadKey(nodeQueueName(prefix, node)), 'payload');
  if (text === null) return { kind: 'none' };
  const parsed = parseNodePayload(text);
  if (!parsed.ok) return { kind: 'invalid', message: parsed.message };
  if (parsed.payload.node !== node) {
    return { kind: 'invalid', message: `the stored table is for node ${parsed.payload.node}` };
  }
  return { kind: 'found', payload: parsed.payload };
}
