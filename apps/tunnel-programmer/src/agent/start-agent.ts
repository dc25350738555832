// The node agent's wiring: a BullMQ worker on this node's queue (each job rings for a run), a
// run at start-up (a restarted agent re-applies the latest table without waiting for a job), a
// periodic resync (heals a data plane changed behind our back), /healthz /readyz /metrics, and
// an orderly stop. Shared by agent-main.ts and the tests.
import { UnrecoverableError, Worker } from 'bullmq';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { Redis } from 'ioredis';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { EventRecorder, type KubeEvent } from '@epic/kube';
import type { Logger } from '@epic/logging';
import { redisAnswers, startHealthServer, type HealthServer } from '@epic/worker-runtime';
import { beat, heartbeatSeconds } from '../shared/agent-liveness.js';
import { nodeQueueName, type NodeJobData } from '../shared/node-queue.js';
import { ProxyObjects } from '../shared/proxy-objects.js';
import type { AgentConfig } from './agent-cli.js';
import { createAgentMetrics, type AgentMetrics } from './agent-metrics.js';
import { createRunner, type Runner } from './command-runner.js';
import { dataPlaneDriver } from './drivers.js';
import { NodeAgent, type RunResult } from './node-agent.js';
import { DataPlaneProgrammer } from './programmer.js';
import { StatusWriter } from './status-writer.js';

export interface AgentHandle {
  agent: NodeAgent;
  port: number;
  metrics: AgentMetrics;
  queueName: string;
  /** The start-up run. */
  started: Promise<RunResult | undefined>;
  stop(): Promise<void>;
}

export type StartAgentOptions = Omit<AgentConfig, 'logLevel' | 'kubeconfig'> & {
  kc: KubeConfig;
  logger: Logger;
  now?: () => Date;
  /** Runs the data-plane commands (default: the real runner); tests pass a recording one. */
  runner?: Runner;
};

function redisClient(url: string, role: string, extra: object, log: Logger): Redis {
  const redis = new Redis(url, { lazyConnect: true, connectionName: role, ...extra });
  redis.on('error', (err: Error) => log.warn({ err, role }, 'redis connection error'));
  return redis;
}

/** A Kubernetes Event on the Node object (events of cluster-scoped objects live in `default`). */
function nodeEventRecorder(kc: KubeConfig, node: string, log: Logger) {
  const recorder = new EventRecorder(kc, 'tunnel-agent', (err) =>
    log.warn({ err }, 'a Kubernetes Event could not be recorded'),
  );
  const uid = kc
    .makeApiClient(CoreV1Api)
    .readNode({ name: node })
    .then((n) => n.metadata?.uid)
    .catch(() => undefined);
  return async (event: KubeEvent) => {
    const involved = { apiVersion: 'v1', kind: 'Node', metadata: { name: node, uid: await uid } };
    await recorder.record(involved, event);
  };
}

/** Job outcomes: a failure a retry may fix retries; a missing driver waits for the resync. */
async function runForJob(agent: NodeAgent): Promise<void> {
  const result = await agent.reconcile();
  if (result.kind === 'failed') throw new Error(result.message);
  if (result.kind === 'unavailable' || result.kind === 'invalid') {
    throw new UnrecoverableError(result.message);
  }
}

export async function startAgent(options: StartAgentOptions): Promise<AgentHandle> {
  const log = options.logger.child({ component: 'agent', node: options.nodeName });
  const redis = redisClient(options.redisUrl, 'agent', { enableOfflineQueue: false }, log);
  const workerRedis = redisClient(
    options.redisUrl,
    'agent-worker',
    { maxRetriesPerRequest: null },
    log,
  );
  await Promise.all([redis.connect(), workerRedis.connect()]);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const metrics = createAgentMetrics(registry);
  const runner =
    options.runner ??
    createRunner({ timeoutMs: options.commandTimeoutMs, netns: options.netns, ip: options.ip });
  const programmer = new DataPlaneProgrammer({
    dataPlane: dataPlaneDriver({
      name: options.driver,
      runner,
      binDir: options.binDir,
      ip: options.ip,
    }),
    runner,
    interfaceSource: options.interfaceSource,
    ip: options.ip,
    log,
  });
  const objects = new ProxyObjects(options.kc);
  const recordOnProxy = new EventRecorder(options.kc, 'tunnel-agent', (err) =>
    log.warn({ err }, 'a Kubernetes Event could not be recorded'),
  );
  const recordOnNode = nodeEventRecorder(options.kc, options.nodeName, log);
  const agent = new NodeAgent({
    node: options.nodeName,
    redis,
    prefix: options.prefix,
    programmer,
    status: new StatusWriter({
      objects,
      node: options.nodeName,
      now: options.now ?? (() => new Date()),
      emit: (object, event) => void recordOnProxy.record(object, event),
      log,
    }),
    objects,
    emitNodeEvent: (event) => void recordOnNode(event),
    metrics,
    log,
  });
  const queueName = nodeQueueName(options.prefix, options.nodeName);
  const worker = new Worker<NodeJobData>(queueName, () => runForJob(agent), {
    connection: workerRedis,
    concurrency: 1,
    name: `tunnel-agent-${options.nodeName}`,
  });
  worker.on('error', (err) => log.error({ err }, 'queue worker error'));
  let server: HealthServer | undefined;
  try {
    server = await startHealthServer({
      port: options.httpPort,
      registry,
      isReady: () => redisAnswers(redis),
      log,
    });
  } catch (err) {
    await worker.close();
    redis.disconnect();
    workerRedis.disconnect();
    throw err;
  }
  const resync = (why: string) =>
    agent.reconcile().catch((err: unknown) => {
      log.error({ err, why }, 'run failed');
      return undefined;
    });
  const heartbeat = () =>
    beat(redis, options.prefix, options.nodeName).catch((err: unknown) => {
      log.warn({ err }, 'liveness beat failed');
    });
  await heartbeat();
  const beating = setInterval(() => void heartbeat(), heartbeatSeconds * 1000);
  beating.unref();
  const started = resync('start-up');
  const timer =
    options.resyncSeconds > 0
      ? setInterval(() => void resync('resync'), options.resyncSeconds * 1000)
      : undefined;
  timer?.unref();
  log.info({ queue: queueName, port: server.port, driver: options.driver }, 'node agent running');
  const health = server;
  return {
    agent,
    port: health.port,
    metrics,
    queueName,
    started,
    async stop() {
      clearInterval(timer);
      clearInterval(beating);
      await worker.close();
      await agent.idle();
      await health.close();
      await Promise.allSettled([redis.quit(), workerRedis.quit()]);
    },
  };
}
