// Test support for tunnel-programmer on the shared stack: EPIC nodes of the test's own (plain
// Node objects with an InternalIP, labelled so only this test's dispatcher sees them), Envoy
// pods placed on them with the status a kubelet would write, the dispatcher in-process (scoped
// to the test's namespace and nodes), node agents as real OS processes (the agent's wiring
// under tsx, so a test can kill -9 one) driving the recording true-ingress, and cleanup of all
// of it: namespace, nodes, topics, queues, Redis keys, temp dirs.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { CoreV1Api, type KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { Redis } from 'ioredis';
import { consumerGroupId } from '@epic/events';
import { eventBus, startIngest, testLogger } from '@epic/ingest-pipeline/testing';
import { EpicObjects, isApiError, replaceWithRetry, forEachLimit } from '@epic/kube';
import {
  accountKind,
  apiVersionV1,
  loadBalancerKind,
  owningLoadBalancerLabel,
  partOfLabel,
  remoteEndpointKind,
  type LoadBalancerInput,
} from '@epic/model';
import { createTestAccountNamespace } from '@epic/testing';
import { isAgentFinalizer } from '@epic/tunnel-plan';
import { obliterateWorkerQueue } from '@epic/worker-runtime';
import { startDispatcher, type DispatcherHandle } from './dispatcher/start-dispatcher.js';
import { livenessKey } from './shared/agent-liveness.js';
import { latestPayloadKey, nodeQueueName } from './shared/node-queue.js';
import { FakeTrueIngress } from './testdata/fake-true-ingress.js';

export const redisUrl = () => process.env.EPIC_REDIS_URL ?? '';

export interface TestNode {
  name: string;
  address: string;
}

/** Nodes `t-tun-<run>-<i>` at 10.251.<run byte>.<i+1>, labelled for this run only. */
async function createNodes(kc: KubeConfig, run: string, count: number): Promise<TestNode[]> {
  const core = kc.makeApiClient(CoreV1Api);
  const octet = randomBytes(1)[0]! % 250;
  const nodes = Array.from({ length: count }, (_, i) => ({
    name: `t-tun-${run}-${i}`,
    address: `10.251.${octet}.${i + 1}`,
  }));
  for (const node of nodes) {
    // A plain Node (no kubelet): only its address matters; the run label scopes the dispatcher.
    await core.createNode({
      body: { metadata: { name: node.name, labels: { 'epic.acnodal.io/test-run': run } } },
    });
    // The node controller writes to new Nodes too: read, change, Update, retry on 409.
    await replaceWithRetry({
      what: `Node ${node.name} status.addresses`,
      read: () => core.readNodeStatus({ name: node.name }),
      mutate: (n) => ({
        ...n,
        status: { ...n.status, addresses: [{ type: 'InternalIP', address: node.address }] },
      }),
      write: (n) => core.replaceNodeStatus({ name: node.name, body: n }),
    });
  }
  return nodes;
}

/** A node agent as an OS process: agent-main.ts's wiring with the recording true-ingress. */
export class AgentProcess {
  private child: ChildProcess | undefined;
  private readonly output: string[] = [];

  constructor(
    private readonly node: string,
    private readonly args: string[],
    private readonly env: Record<string, string>,
  ) {}

  start(): void {
    const main = fileURLToPath(new URL('./testdata/recording-agent-main.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', main, ...this.args], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (text: string) => {
        if (process.env.TUN_AGENT_LOG) process.stderr.write(text);
        this.output.push(`[${this.node}] ${text.trimEnd()}`);
        if (this.output.length > 200) this.output.splice(0, 100);
      });
    }
    this.child = child;
  }

  /** SIGKILL: no shutdown hook runs; resolves with the signal the process died of. */
  async kill(): Promise<NodeJS.Signals | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return null;
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    child.kill('SIGKILL');
    const [, signal] = await exited;
    return signal;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }

  tail(lines = 20): string {
    return this.output.slice(-lines).join('\n');
  }
}

/** Everything one stack test needs; `close()` removes all of it. */
export async function tunnelWorld(kc: KubeConfig, nodeCount: number) {
  const core = kc.makeApiClient(CoreV1Api);
  const run = randomBytes(4).toString('hex');
  const ns = await createTestAccountNamespace(kc, 'tun');
  const nodes = await createNodes(kc, run, nodeCount);
  const bus = await eventBus();
  const ingest = await startIngest(kc, bus, 600_000);
  const fake = await FakeTrueIngress.create();
  const redis = new Redis(redisUrl(), { lazyConnect: true });
  await redis.connect();
  const dispatcher: DispatcherHandle = await startDispatcher({
    kc,
    kafkaBrokers: (process.env.EPIC_KAFKA_BROKERS ?? '').split(','),
    redisUrl: redisUrl(),
    prefix: bus.prefix,
    httpPort: 0,
    logger: testLogger,
    namespaces: [ns.namespace],
    nodeSelector: `epic.acnodal.io/test-run=${run}`,
    concurrency: 64,
    settleMs: 100,
    backoffMs: 200,
  });
  const lbs = new EpicObjects(kc, loadBalancerKind);
  const agents = new Map<string, AgentProcess>();
  const queues = new Map(
    nodes.map((n) => [n.name, new Queue(nodeQueueName(bus.prefix, n.name), { connection: redis })]),
  );

  const agentArgs = (node: string) => [
    '--node-name',
    node,
    '--driver',
    'true-ingress',
    '--bin-dir',
    fake.binDir,
    '--interface-source',
    'annotations',
    '--prefix',
    bus.prefix,
    '--http-port',
    '0',
    '--resync-seconds',
    '0',
    '--log-level',
    process.env.TUN_AGENT_LOG ?? 'warn',
  ];

  return {
    run,
    ns,
    nodes,
    bus,
    fake,
    redis,
    dispatcher,
    lbs,
    queues,
    ref: (name: string) => ({ namespace: ns.namespace, name }),

    async createAccount(groupId: number): Promise<void> {
      await new EpicObjects(kc, accountKind).create({
        apiVersion: apiVersionV1,
        kind: 'Account',
        metadata: { namespace: ns.namespace, name: ns.account },
        spec: { 'group-id': groupId },
      });
    },

    /** A LoadBalancer with the tunnel map the id-allocator would have written. */
    async createLoadBalancer(name: string, serviceId: number, status: LoadBalancerInput['status']) {
      const created = await lbs.create({
        apiVersion: apiVersionV1,
        kind: 'LoadBalancer',
        metadata: { namespace: ns.namespace, name },
        spec: { 'service-group': 'sample', 'service-id': serviceId },
      });
      await lbs.replaceStatus({ ...created, status });
    },

    async createRemoteEndpoint(lb: string, address: string, nodeAddress: string) {
      await new EpicObjects(kc, remoteEndpointKind).create({
        apiVersion: apiVersionV1,
        kind: 'RemoteEndpoint',
        metadata: {
          namespace: ns.namespace,
          name: `${lb}-${address.replaceAll('.', '-')}`,
          labels: { [owningLoadBalancerLabel]: lb },
        },
        spec: { cluster: 'c1', address, 'node-address': nodeAddress, port: { port: 8080 } },
      });
    },

    /** An Envoy pod on a node, Running and Ready with its IP, its veth in annotations. */
    async createEnvoyPod(pod: {
      name: string;
      lb: string;
      node: string;
      ip: string;
      ifindex: number;
    }) {
      const body: V1Pod = {
        metadata: {
          name: pod.name,
          labels: { [partOfLabel]: 'epic', [owningLoadBalancerLabel]: pod.lb },
          annotations: {
            'epic.acnodal.io/ifindex': String(pod.ifindex),
            'epic.acnodal.io/ifname': `veth${pod.ifindex}`,
          },
        },
        spec: {
          nodeName: pod.node,
          containers: [{ name: 'envoy', image: 'envoyproxy/envoy:v1.36.0' }],
          // No kubelet heartbeats: the node goes NotReady; the pods must stay anyway.
          tolerations: [{ operator: 'Exists' }],
        },
      };
      await core.createNamespacedPod({ namespace: ns.namespace, body });
      await replaceWithRetry({
        what: `Pod ${pod.name} status`,
        read: () => core.readNamespacedPodStatus({ namespace: ns.namespace, name: pod.name }),
        mutate: (p) => ({
          ...p,
          status: {
            ...p.status,
            phase: 'Running',
            podIP: pod.ip,
            podIPs: [{ ip: pod.ip }],
            conditions: [{ type: 'Ready', status: 'True' }],
          },
        }),
        write: (p) =>
          core.replaceNamespacedPodStatus({ namespace: ns.namespace, name: pod.name, body: p }),
      });
    },

    startAgent(node: string): AgentProcess {
      const agent = new AgentProcess(node, agentArgs(node), {
        ...fake.env(node),
        EPIC_REDIS_URL: redisUrl(),
      });
      agents.set(node, agent);
      agent.start();
      return agent;
    },

    /** SIGKILL the node's agent; resolves with the signal it died of. */
    killAgent(node: string): Promise<NodeJS.Signals | null> {
      return agents.get(node)?.kill() ?? Promise.resolve(null);
    },

    /** Waiting doorbells of a node's queue (ids). */
    async waitingJobs(node: string): Promise<string[]> {
      const jobs = await queues.get(node)!.getJobs(['waiting', 'delayed', 'prioritized']);
      return jobs.map((j) => j.id ?? '');
    },

    agentOutput(): string {
      return [...agents.values()].map((a) => a.tail()).join('\n');
    },

    async close(): Promise<void> {
      await Promise.all([...agents.values()].map((a) => a.stop()));
      await dispatcher.stop();
      await ingest.close();
      await bus.close();
      // Our finalizers would hold the namespace's deletion with no agent left to release them.
      await forEachLimit(await lbs.list(ns.namespace), 8, async (lb) => {
        await replaceWithRetry({
          what: `LoadBalancer ${lb.metadata.name} finalizers`,
          read: () => lbs.get({ namespace: ns.namespace, name: lb.metadata.name ?? '' }),
          mutate: (current) => {
            const kept = (current.metadata.finalizers ?? []).filter(
              (f) => !isAgentFinalizer('LoadBalancer', f),
            );
            return kept.length === (current.metadata.finalizers ?? []).length
              ? undefined
              : { ...current, metadata: { ...current.metadata, finalizers: kept } };
          },
          write: (next) => lbs.replace(next),
        }).catch((err: unknown) => {
          if (!isApiError(err, 404) && !isApiError((err as Error).cause, 404)) throw err;
        });
      });
      // No kubelet will confirm these pods' termination: delete them at once, or the
      // namespace waits for the pod garbage collector.
      await core.deleteCollectionNamespacedPod({
        namespace: ns.namespace,
        gracePeriodSeconds: 0,
      });
      await ns.remove();
      for (const node of nodes) {
        await core.deleteNode({ name: node.name }).catch(() => undefined);
        const queue = queues.get(node.name)!;
        await queue.obliterate({ force: true });
        await queue.close();
        await redis.del(latestPayloadKey(queue.name), livenessKey(bus.prefix, node.name));
      }
      await obliterateWorkerQueue({
        redisUrl: redisUrl(),
        queueName: consumerGroupId('tunnel-programmer', bus.prefix),
      });
      await redis.quit();
      await fake.remove();
    },
  };
}

export type TunnelWorld = Awaited<ReturnType<typeof tunnelWorld>>;
