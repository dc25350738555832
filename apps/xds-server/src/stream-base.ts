// What SotW and delta ADS streams share: the node id from the first request, the watch on that
// node's snapshot, nonces, and telling the server what happened (pushes, ACKs, NACKs).
import { status, type ServerDuplexStream } from '@grpc/grpc-js';
import type { XdsType } from '@epic/envoy-render';
import type { Logger } from '@epic/logging';
import type { XdsNode } from './ads-protocol.js';
import type { SnapshotCache } from './snapshot-cache.js';
import type { ProxySnapshot } from './snapshot.js';
import type { Verdict } from './sotw-state.js';

export type AdsApi = 'sotw' | 'delta';

export interface Push {
  readonly api: AdsApi;
  /** This process's number for the stream (a reconnect is a new stream). */
  readonly stream: number;
  readonly nodeId: string;
  readonly type: XdsType;
  readonly version: string;
  readonly nonce: string;
  readonly resources: readonly string[];
  readonly removed?: readonly string[];
}

export interface Answer {
  readonly api: AdsApi;
  readonly nodeId: string;
  readonly type: XdsType;
  readonly verdict: Verdict;
}

/** What streams report; the server turns it into logs, metrics and conditions. */
export interface StreamEvents {
  connected(api: AdsApi): void;
  disconnected(api: AdsApi): void;
  pushed(push: Push): void;
  answered(answer: Answer): void;
}

export interface StreamContext {
  readonly cache: SnapshotCache;
  readonly events: StreamEvents;
  readonly log: Logger;
}

interface Request {
  node?: XdsNode | null;
}

let streams = 0;

export abstract class StreamBase<Req extends Request, Res> {
  protected readonly stream = ++streams;
  protected nodeId: string | undefined;
  private unwatch: (() => void) | undefined;
  private nonces = 0;
  private closed = false;

  constructor(
    protected readonly call: ServerDuplexStream<Req, Res>,
    protected readonly ctx: StreamContext,
    protected readonly api: AdsApi,
  ) {
    ctx.events.connected(api);
    call.on('data', (request: Req) => this.receive(request));
    call.on('end', () => {
      this.close();
      call.end();
    });
    call.on('cancelled', () => this.close());
    call.on('error', () => this.close());
    call.on('close', () => this.close());
  }

  protected abstract onRequest(request: Req, nodeId: string): void;
  protected abstract push(snapshot: ProxySnapshot): void;

  protected nextNonce(): string {
    this.nonces += 1;
    return String(this.nonces);
  }

  private receive(request: Req): void {
    if (this.closed) return;
    const nodeId = this.nodeId ?? this.identify(request);
    if (nodeId === undefined) return;
    try {
      this.onRequest(request, nodeId);
    } catch (err) {
      this.ctx.log.error({ err, nodeId, api: this.api }, 'xDS request failed; closing the stream');
      this.fail(status.INTERNAL, 'internal error handling the request');
    }
  }

  /** The node id comes with the first request; a stream without one is refused. */
  private identify(request: Req): string | undefined {
    const id = request.node?.id;
    if (!id) {
      this.fail(status.INVALID_ARGUMENT, 'the first request of a stream must carry node.id');
      return undefined;
    }
    this.nodeId = id;
    this.unwatch = this.ctx.cache.watch(id, (snapshot) => this.push(snapshot));
    this.ctx.log.debug({ nodeId: id, api: this.api }, 'xDS client connected');
    return id;
  }

  protected snapshot(): ProxySnapshot | undefined {
    return this.nodeId === undefined ? undefined : this.ctx.cache.get(this.nodeId);
  }

  private fail(code: status, details: string): void {
    this.close();
    this.call.emit('error', { code, details });
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unwatch?.();
    this.ctx.events.disconnected(this.api);
  }
}
