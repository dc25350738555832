// Test support for id-allocator at scale: a bus that delivers every domain event twice, and
// id-allocator replicas as real OS processes (main.ts under tsx) that a test can kill -9.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { KubeConfig } from '@kubernetes/client-node';
import { Redis } from 'ioredis';
import {
  createEventPublisher,
  createKafka,
  deleteConsumerGroupsWithPrefix,
  deleteTopicsWithPrefix,
  ensureTopics,
  runEventConsumer,
} from '@epic/kafka';
import { consumerGroupId } from '@epic/events';
import { startIngest, testLogger } from '@epic/ingest-pipeline/testing';
import { obliterateWorkerQueue } from '@epic/worker-runtime';
import { RedisClaimLocks } from './claim-locks.js';

/**
 * ingest -> `<p>-in` topics -> relay -> `<p>-out` topics, where the relay publishes every event
 * twice: once as it came (a redelivery, which the worker's queue collapses by event id) and
 * once under a new id (a duplicate that reaches the handler). Workers consume `<p>-out`.
 */
export async function duplicatingBus(
  kc: KubeConfig,
  resyncMs: number,
  /** Namespaces whose events are relayed (the cluster is shared; others' events are dropped). */
  relays: (namespace: string | undefined) => boolean,
) {
  const base = `t-${randomBytes(4).toString('hex')}`;
  const inPrefix = `${base}-in`;
  const outPrefix = `${base}-out`;
  const kafka = createKafka({
    brokers: (process.env.EPIC_KAFKA_BROKERS ?? '').split(','),
    clientId: base,
    logger: testLogger,
  });
  await ensureTopics({ kafka, prefix: inPrefix, log: testLogger });
  await ensureTopics({ kafka, prefix: outPrefix, log: testLogger });
  const publisher = createEventPublisher({ kafka, prefix: outPrefix, logger: testLogger });
  await publisher.connect();
  let relayed = 0;
  const relay = await runEventConsumer({
    kafka,
    group: 'audit',
    prefix: inPrefix,
    logger: testLogger,
    onEvent: async (event) => {
      if (!relays(event.source.namespace)) return;
      await publisher.publish([event, { ...event, id: randomUUID() }]);
      relayed += 2;
    },
  });
  const ingest = await startIngest(kc, { prefix: inPrefix, kafka }, resyncMs);
  return {
    outPrefix,
    relayed: () => relayed,
    async close() {
      await ingest.close();
      await relay.stop();
      await publisher.disconnect();
      for (const prefix of [inPrefix, outPrefix]) {
        await deleteTopicsWithPrefix({ kafka, prefix, log: testLogger });
        await deleteConsumerGroupsWithPrefix({ kafka, prefix, log: testLogger });
      }
      await obliterateWorkerQueue({
        redisUrl: process.env.EPIC_REDIS_URL ?? '',
        queueName: consumerGroupId('id-allocator', outPrefix),
      });
    },
  };
}

const mainTs = fileURLToPath(new URL('./main.ts', import.meta.url));
const appDir = fileURLToPath(new URL('..', import.meta.url));

/** id-allocator replicas as processes, each a real `main.ts`. */
export class AllocatorProcesses {
  private readonly children: (ChildProcess | undefined)[] = [];
  private readonly output: string[] = [];
  kills = 0;

  constructor(private readonly env: Record<string, string>) {}

  async start(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      this.ports[i] = await freePort();
      this.children[i] = this.spawnOne(i);
    }
  }

  /** SIGKILL: no shutdown hook runs; claims in flight may leak, never duplicate. */
  async killAndRestart(index: number): Promise<void> {
    const child = this.children[index];
    if (child && child.exitCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
      this.kills++;
    }
    this.children[index] = this.spawnOne(index);
  }

  /** Graceful stop of every replica (SIGTERM, bounded by the worker's shutdown timeout). */
  async stopAll(): Promise<void> {
    await Promise.all(
      this.children.map(async (child) => {
        if (!child || child.exitCode !== null) return;
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }

  /** The last lines the replicas wrote (warnings and errors) (for a failing test's message). */
  tail(lines = 20): string {
    return this.output.slice(-lines).join('\n');
  }

  /**
   * The replicas' metrics summed by series (`name{labels}` -> value), from each live
   * replica's /metrics; a replica killed earlier took its counts with it.
   */
  async metrics(names: readonly string[]): Promise<Record<string, number>> {
    const sums: Record<string, number> = {};
    for (const port of this.ports) {
      const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text());
      for (const line of text.split('\n')) {
        const m = /^([a-z_]+(?:\{[^}]*\})?) ([0-9.e+-]+)$/.exec(line);
        if (m && names.some((n) => m[1]?.startsWith(n))) {
          sums[m[1] ?? ''] = (sums[m[1] ?? ''] ?? 0) + Number(m[2]);
        }
      }
    }
    return sums;
  }

  private readonly ports: number[] = [];

  private spawnOne(index: number): ChildProcess {
    // Fixed per slot, so a restarted replica serves its metrics where the test looks.
    const port = this.ports[index];
    if (port === undefined) throw new Error(`no port for replica ${index}: call start() first`);
    const child = spawn(process.execPath, ['--import', 'tsx', mainTs], {
      cwd: appDir,
      env: { ...process.env, ...this.env, EPIC_HTTP_PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (text: string) => {
      this.output.push(`[replica ${index}] ${text.trimEnd()}`);
      if (this.output.length > 200) this.output.splice(0, 100);
    };
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', keep);
    }
    return child;
  }
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no TCP port assigned');
  return address.port;
}

/** Claim locks on the stack's Redis under a prefix of their own, for in-process allocators. */
export async function testClaimLocks() {
  const redis = new Redis(process.env.EPIC_REDIS_URL ?? '', { lazyConnect: true });
  await redis.connect();
  const locks = new RedisClaimLocks(redis, { prefix: `t-${randomBytes(4).toString('hex')}` });
  return { locks, close: () => redis.quit() };
}
