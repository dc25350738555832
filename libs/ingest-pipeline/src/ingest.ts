import { randomUUID } from 'node:crypto';
import type { KubeConfig } from '@kubernetes/client-node';
import { ListWatch, watchedCollections, type WatchedCollection } from '@epic/kube';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { ChangePump, type EventSink } from './change-pump.js';
import type { IngestMetrics } from './ingest-metrics.js';
import { PublishedStore } from './published-store.js';

export interface IngestOptions {
  kc: KubeConfig;
  sink: EventSink;
  redis: Redis;
  /** Topic prefix; also keys the published-state checkpoint, so test runs never share one. */
  prefix: string;
  logger: Logger;
  metrics: IngestMetrics;
  /** Full relist (and *Observed events) this often. */
  resyncMs: number;
  maxBacklog?: number;
  /** Which collections to watch; all of ours by default. */
  collections?: WatchedCollection[];
}

/** The Redis hash that holds what ingest last published, per topic prefix. */
export const publishedStateKey = (prefix: string) => `epic:ingest:${prefix || 'default'}:published`;

/**
 * Ingest, leader-side: one resilient list+watch per collection feeding one ordered pump that
 * derives domain events and publishes them. Start it only while holding the ingest Lease.
 */
export class Ingest {
  private sources: ListWatch[] = [];
  private pump: ChangePump | undefined;

  constructor(private readonly opts: IngestOptions) {}

  async start(): Promise<void> {
    const { kc, logger } = this.opts;
    const pump = new ChangePump({
      sink: this.opts.sink,
      store: new PublishedStore(this.opts.redis, publishedStateKey(this.opts.prefix)),
      logger: logger.child({ component: 'pump' }),
      metrics: this.opts.metrics,
      maxBacklog: this.opts.maxBacklog,
      onBacklogDropped: () => this.sources.forEach((s) => s.requestRelist()),
      newId: randomUUID,
    });
    await pump.start();
    this.pump = pump;
    const collections = this.opts.collections ?? watchedCollections(kc);
    this.sources = collections.map(
      (c) =>
        new ListWatch(kc, c, (e) => pump.push(e), {
          logger: logger.child({ component: 'watch', kind: c.kind }),
          resyncMs: this.opts.resyncMs,
        }),
    );
    this.sources.forEach((s) => s.start());
    logger.info({ collections: collections.map((c) => c.kind) }, 'ingest started');
  }

  async stop(): Promise<void> {
    await Promise.all(this.sources.map((s) => s.stop()));
    await this.pump?.stop();
    this.sources = [];
    this.pump = undefined;
  }
}
