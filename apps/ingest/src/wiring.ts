import { Redis } from 'ioredis';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createEventPublisher, createKafka, ensureTopics } from '@epic/kafka';
import { LeaseElector, loadKubeConfig } from '@epic/kube';
import { Ingest, ingestMetrics } from '@epic/ingest-pipeline';
import type { Logger } from '@epic/logging';
import { startHealthServer } from '@epic/worker-runtime';
import type { IngestConfig } from './config.js';

export interface IngestApp {
  /** The bound HTTP port (/healthz, /readyz, /metrics). */
  port: number;
  isLeader(): boolean;
  stop(): Promise<void>;
}

/**
 * Wiring only: clients from the config, the Lease elector, and the ingest pipeline that runs
 * while this replica leads. Followers stay connected and ready to take over.
 */
export async function startIngestApp(config: IngestConfig, logger: Logger): Promise<IngestApp> {
  const prefix = config.EPIC_TOPIC_PREFIX;
  const kc = loadKubeConfig(config.KUBECONFIG);
  const kafka = createKafka({
    brokers: config.EPIC_KAFKA_BROKERS,
    clientId: `epic-ingest-${config.EPIC_INGEST_IDENTITY}`,
    logger,
  });
  const publisher = createEventPublisher({ kafka, prefix, logger });
  const redis = new Redis(config.EPIC_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 3 });
  await redis.connect();
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const metrics = ingestMetrics(registry);
  const ingest = new Ingest({
    kc,
    sink: publisher,
    redis,
    prefix,
    logger,
    metrics,
    resyncMs: config.EPIC_INGEST_RESYNC_SECONDS * 1000,
  });

  const elector = new LeaseElector(kc, {
    namespace: config.EPIC_INGEST_LEASE_NAMESPACE,
    name: config.EPIC_INGEST_LEASE_NAME,
    identity: config.EPIC_INGEST_IDENTITY,
    durationSeconds: config.EPIC_INGEST_LEASE_SECONDS,
    logger,
    onStartedLeading: async () => {
      await ensureTopics({ kafka, prefix, log: logger });
      await publisher.connect();
      await ingest.start();
      metrics.leader.set(1);
    },
    onStoppedLeading: async () => {
      metrics.leader.set(0);
      await ingest.stop();
    },
  });
  elector.start();
  const health = await startHealthServer({
    port: config.EPIC_HTTP_PORT,
    registry,
    isReady: () => Promise.resolve(redis.status === 'ready'),
    log: logger,
  });
  logger.info({ identity: config.EPIC_INGEST_IDENTITY }, 'ingest running (leader election on)');

  return {
    port: health.port,
    isLeader: () => elector.isLeader,
    stop: async () => {
      await elector.stop(); // stops the pipeline and releases the Lease for a standby
      await publisher.disconnect();
      await redis.quit();
      await health.close();
    },
  };
}
