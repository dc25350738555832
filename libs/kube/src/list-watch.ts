import { setTimeout as sleep } from 'node:timers/promises';
import { Watch, type KubeConfig } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { apiErrorCode } from './api-error.js';

export interface ListPage {
  items: unknown[];
  resourceVersion: string;
}

/** One watched collection: where to watch it and how to list it (wire-format JSON items). */
export interface WatchedCollection {
  /** For logs and for the sink: `LoadBalancer`, `Pod`, ... */
  kind: string;
  /** The collection's API path, e.g. `/apis/epic.acnodal.io/v1/loadbalancers`. */
  path: string;
  labelSelector?: string;
  /** A complete, consistent list (all pages) with the list's resourceVersion. */
  list: () => Promise<ListPage>;
}

export type ListReason = 'start' | 'gone' | 'error' | 'resync' | 'requested';

export type ListWatchEvent =
  | { type: 'LIST'; kind: string; items: unknown[]; resourceVersion: string; reason: ListReason }
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; kind: string; object: unknown };

export interface ListWatchOptions {
  logger: Logger;
  /** Relist this often even when the watch is healthy: the level-triggered safety net. */
  resyncMs: number;
  /** Server-side watch timeout; the watch is then resumed from the last resourceVersion. */
  watchTimeoutSeconds?: number;
  /** Backoff after an error, doubling up to maxBackoffMs. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

class WatchGone extends Error {}

const isSilence = (err: unknown) => (err as { name?: string }).name === 'TimeoutError';

/**
 * A list+watch that does not give up (client-node's informer stops for good on most errors):
 * list, hand the whole list to the sink, watch from the list's resourceVersion, resume after a
 * normal end, relist on 410 Gone (a compacted resourceVersion), relist with bounded backoff
 * after any other error, relist every `resyncMs`. The sink is called in order and never
 * concurrently; it must not throw.
 */
export class ListWatch {
  private stopped = false;
  private abort: AbortController | undefined;
  private relistReason: ListReason | undefined = 'start';
  private resourceVersion = '';
  private lastList = 0;
  private done: Promise<void> | undefined;

  constructor(
    private readonly kc: KubeConfig,
    private readonly collection: WatchedCollection,
    private readonly sink: (event: ListWatchEvent) => void,
    private readonly opts: ListWatchOptions,
  ) {}

  start(): void {
    this.done ??= this.run();
  }

  /** Ask for a relist at the next opportunity (e.g. after the sink dropped a backlog). */
  requestRelist(): void {
    this.relistReason = 'requested';
    this.abort?.abort();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort?.abort();
    await this.done;
  }

  private async run(): Promise<void> {
    let backoff = this.opts.minBackoffMs ?? 500;
    while (!this.stopped) {
      try {
        await this.cycle();
        backoff = this.opts.minBackoffMs ?? 500;
      } catch (err) {
        if (this.stopped) break;
        backoff = await this.recover(err, backoff);
      }
    }
  }

  /** One list (when due) and one watch until it ends. */
  private async cycle(): Promise<void> {
    if (this.relistReason) await this.relist(this.relistReason);
    await this.watchOnce();
    if (Date.now() - this.lastList >= this.opts.resyncMs) this.relistReason ??= 'resync';
  }

  /** After a failure: relist, at once after 410 Gone, else after a bounded backoff. Returns the next backoff. */
  private async recover(err: unknown, backoff: number): Promise<number> {
    const kind = this.collection.kind;
    if (err instanceof WatchGone) {
      this.opts.logger.info({ kind }, 'watch resourceVersion expired (410 Gone): relisting');
      this.relistReason ??= 'gone';
      return backoff;
    }
    this.opts.logger.warn(
      { err, kind, backoffMs: backoff },
      'list/watch failed: relisting after backoff',
    );
    this.relistReason ??= 'error';
    await sleep(backoff);
    return Math.min(backoff * 2, this.opts.maxBackoffMs ?? 30_000);
  }

  private async relist(reason: ListReason): Promise<void> {
    const page = await this.collection.list();
    this.resourceVersion = page.resourceVersion;
    this.lastList = Date.now();
    this.relistReason = undefined;
    this.sink({
      type: 'LIST',
      kind: this.collection.kind,
      items: page.items,
      resourceVersion: page.resourceVersion,
      reason,
    });
  }

  /** The server ends the watch by the next resync at the latest, so resyncs keep their period. */
  private watchTimeoutSeconds(): number {
    const untilResync = Math.ceil((this.lastList + this.opts.resyncMs - Date.now()) / 1000);
    return Math.max(1, Math.min(this.opts.watchTimeoutSeconds ?? 300, untilResync));
  }

  private watchOnce(): Promise<void> {
    // client-node aborts a watch that sent no byte for 30 s (TimeoutError): our silence
    // watchdog. A silent watch is simply resumed from the last resourceVersion.
    const watch = new Watch(this.kc);
    let gone = false;
    let ended = false;
    return new Promise<void>((resolve, reject) => {
      const onEvent = (type: string, object: unknown) => {
        if (this.stopped) return;
        if (type === 'ERROR') {
          // An ERROR event ends this watch; do not wait for the server to close the stream.
          gone ||= apiErrorCode(object) === 410;
          ended = true;
          this.abort?.abort();
          return;
        }
        const rv = (object as { metadata?: { resourceVersion?: string } }).metadata
          ?.resourceVersion;
        if (rv) this.resourceVersion = rv;
        if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED')
          this.sink({ type, kind: this.collection.kind, object });
      };
      const onDone = (err: unknown) => {
        this.abort = undefined;
        if (gone || (err as { statusCode?: number } | null)?.statusCode === 410)
          reject(new WatchGone());
        else if (err && !this.stopped && !this.relistReason && !isSilence(err))
          reject(
            err instanceof Error
              ? err
              : new Error(`watch of ${this.collection.path} failed`, { cause: err }),
          );
        else resolve();
      };
      const query = {
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: this.watchTimeoutSeconds(),
        labelSelector: this.collection.labelSelector,
      };
      watch.watch(this.collection.path, query, onEvent, onDone).then(
        (controller) => {
          this.abort = controller;
          if (this.stopped || this.relistReason || ended) controller.abort();
        },
        (err: unknown) => reject(err as Error),
      );
    });
  }
}
