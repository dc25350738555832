import { setTimeout as sleep } from 'node:timers/promises';
import type { DomainEvent } from '@epic/events';
import { deriveEvents, WatchedKind } from '@epic/events';
import type { ListWatchEvent } from '@epic/kube';
import type { Logger } from 'pino';
import type { IngestMetrics } from './ingest-metrics.js';
import { objectKey } from './object-key.js';
import type { PublishedState } from './published-store.js';
import { diffSnapshot, itemChanges, type ObjectChange } from './snapshot-diff.js';

export interface EventSink {
  /** Resolves only when Kafka acknowledged every event. */
  publish(events: DomainEvent[]): Promise<void>;
}

export interface ChangePumpOptions {
  /** First retry delay after a failed publish (doubles up to 30 s). */
  retryMs?: number;
  sink: EventSink;
  store: PublishedState;
  logger: Logger;
  metrics: IngestMetrics;
  /** Watch events and lists handled per publish. */
  maxBatch?: number;
  /** Buffered watch events before the backlog is dropped in favour of a relist. */
  maxBacklog?: number;
  /** Called after a dropped backlog: every source must relist (nothing is lost, only re-derived). */
  onBacklogDropped: () => void;
  newId: () => string;
  now?: () => Date;
}

/**
 * The one ordered path from watch events to Kafka. A single loop takes a batch, derives the
 * domain events against what was last published, publishes them, and only after Kafka's ack
 * records the new published state (memory + Redis). A failed publish is retried with backoff;
 * while Kafka is away the backlog is bounded: past the bound it is dropped and every source
 * relists, which re-derives the same changes from the unadvanced published state.
 */
export class ChangePump {
  private backlog: ListWatchEvent[] = [];
  private published = new Map<string, unknown>();
  private wake: (() => void) | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly opts: ChangePumpOptions) {}

  async start(): Promise<void> {
    this.published = await this.opts.store.load();
    this.loop ??= this.run();
  }

  push(event: ListWatchEvent): void {
    if (this.backlog.length >= (this.opts.maxBacklog ?? 50_000)) {
      this.opts.logger.error(
        { dropped: this.backlog.length },
        'backlog full (Kafka unavailable?): dropping it and relisting everything',
      );
      this.opts.metrics.backlogDropped.inc();
      this.backlog = [];
      this.opts.onBacklogDropped();
      return;
    }
    this.backlog.push(event);
    this.opts.metrics.backlog.set(this.backlog.length);
    this.wake?.();
  }

  /** Stops after the batch in flight; what is still buffered is re-derived by the next ingest. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let backoff = this.opts.retryMs ?? 500;
    while (!this.stopped) {
      if (this.backlog.length === 0) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      const batch = this.backlog.splice(0, this.opts.maxBatch ?? 500);
      try {
        await this.process(batch);
        backoff = this.opts.retryMs ?? 500;
      } catch (err) {
        this.opts.logger.warn(
          { err, batch: batch.length, backoffMs: backoff },
          'publishing failed: retrying the batch',
        );
        this.backlog.unshift(...batch);
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 30_000);
      }
      this.opts.metrics.backlog.set(this.backlog.length);
    }
  }

  private async process(batch: ListWatchEvent[]): Promise<void> {
    const working = new Map(this.published);
    const updates = new Map<string, unknown>();
    const events: DomainEvent[] = [];
    for (const item of batch) {
      for (const change of this.changesOf(item, working)) {
        events.push(...this.derive(change));
        working.set(change.key, change.new);
        if (change.new === undefined) working.delete(change.key);
        updates.set(change.key, change.new);
      }
    }
    await this.opts.sink.publish(events);
    await this.opts.store.commit(updates);
    this.published = working;
    // Counted once done: a batch retried after a failed publish is not a second relist.
    for (const e of events) this.opts.metrics.published.inc({ type: e.type });
    for (const l of batch)
      if (l.type === 'LIST') this.opts.metrics.relists.inc({ kind: l.kind, reason: l.reason });
  }

  private changesOf(item: ListWatchEvent, known: ReadonlyMap<string, unknown>): ObjectChange[] {
    if (item.type === 'LIST') {
      return diffSnapshot({ kind: item.kind, items: item.items, known, reason: item.reason });
    }
    const key = objectKey(item.kind, item.object);
    if (item.type === 'DELETED') return [{ kind: item.kind, key, old: item.object }];
    return itemChanges({
      kind: item.kind,
      key,
      old: known.get(key),
      item: item.object,
      observe: false,
    });
  }

  private derive(change: ObjectChange): DomainEvent[] {
    const kind = WatchedKind.parse(change.kind);
    const result = deriveEvents({
      ...change,
      kind,
      newId: this.opts.newId,
      now: this.opts.now?.() ?? new Date(),
    });
    if (result.ok) return result.events;
    this.opts.metrics.invalidObjects.inc({ kind });
    this.opts.logger.warn(
      { key: change.key, invalid: result.invalid },
      'object does not match its schema: no event',
    );
    return [];
  }
}
