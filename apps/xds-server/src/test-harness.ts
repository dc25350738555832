// Test support: a hand-written ADS client (SotW and delta) that records every response and
// answers exactly as a test tells it, and an xDS server on in-memory objects, served on
// 127.0.0.1:0. The client is deliberately dumb: no ACK unless asked, so a test sees what the
// server sends and in which order.
import { credentials, makeGenericClientConstructor, type ClientDuplexStream } from '@grpc/grpc-js';
import { xdsTypeUrls, type XdsType } from '@epic/envoy-render';
import { envoyProtos } from '@epic/envoy-render/proto';
import { createLogger } from '@epic/logging';
import {
  adsServiceDefinition,
  xdsTypeOf,
  type AnyMessage,
  type DeltaDiscoveryRequest,
  type DeltaDiscoveryResponse,
  type DiscoveryRequest,
  type DiscoveryResponse,
} from './ads-protocol.js';
import { eventually } from '@epic/testing';
import { startAdsServer, type AdsServer } from './ads-server.js';
import { MemoryConditionSink } from './condition-sink.js';
import { MemoryProxyReader } from './proxy-reader.js';
import type { Answer, Push, StreamEvents } from './stream-base.js';
import { MemoryVersionStore } from './version-store.js';
import { XdsServer } from './xds-server.js';
import { createXdsMetrics, type XdsMetrics } from './xds-metrics.js';

export const quietLogger = createLogger({
  app: 'xds-test',
  level: process.env.LOG_LEVEL === 'debug' ? 'debug' : 'silent',
});

/** The shared bounded poll, tuned for in-process servers: 10 s, every 20 ms. */
export function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  return eventually(what, probe, { timeoutMs, intervalMs: 20 });
}

/** A resource as JSON (snake_case field names), decoded with the real Envoy protos. */
export function decodeAny(any: AnyMessage): Record<string, unknown> {
  const type = envoyProtos().messageType(any.type_url);
  if (!type) throw new Error(`unknown type ${any.type_url}`);
  return type.toObject(type.decode(any.value), { longs: Number, enums: String });
}

function nameOf(type: XdsType, resource: Record<string, unknown>): string {
  return String(type === 'EDS' ? resource['cluster_name'] : resource['name']);
}

/** Responses in arrival order, and a way to wait for the next one. */
class Inbox<T> {
  readonly all: T[] = [];
  private read = 0;
  private waiter: (() => void) | undefined;

  push(item: T): void {
    this.all.push(item);
    this.waiter?.();
  }

  async next(timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    while (this.read >= this.all.length) {
      if (Date.now() > deadline) throw new Error(`no response within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
        setTimeout(resolve, Math.max(1, deadline - Date.now())).unref();
      });
    }
    return this.all[this.read++]!;
  }

  /** Responses received and not yet taken with next(). */
  get unread(): number {
    return this.all.length - this.read;
  }
}

const AdsClient = makeGenericClientConstructor(
  adsServiceDefinition(),
  'AggregatedDiscoveryService',
);

interface AdsCalls {
  StreamAggregatedResources(): ClientDuplexStream<DiscoveryRequest, DiscoveryResponse>;
  DeltaAggregatedResources(): ClientDuplexStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse>;
}

function connect(port: number) {
  return new AdsClient(`127.0.0.1:${port}`, credentials.createInsecure()) as unknown as AdsCalls & {
    close(): void;
  };
}

export interface Received {
  readonly type: XdsType;
  readonly version: string;
  readonly nonce: string;
  readonly names: string[];
  readonly resources: Record<string, unknown>[];
}

/** A state-of-the-world ADS client that answers only when told to. */
export class SotwClient {
  readonly inbox = new Inbox<Received>();
  private readonly client;
  private readonly call;
  private first = true;

  constructor(
    port: number,
    private readonly nodeId: string,
  ) {
    this.client = connect(port);
    this.call = this.client.StreamAggregatedResources();
    this.call.on('data', (r: DiscoveryResponse) => {
      const type = xdsTypeOf(r.type_url);
      if (!type) throw new Error(`unexpected type ${r.type_url}`);
      const resources = r.resources.map(decodeAny);
      const names = resources.map((res) => nameOf(type, res));
      this.inbox.push({ type, version: r.version_info, nonce: r.nonce, names, resources });
    });
    this.call.on('error', () => undefined);
  }

  /** A request for a type (no nonce: a subscription). */
  subscribe(type: XdsType, names: string[] = []): void {
    this.send({ type_url: xdsTypeUrls[type], resource_names: names });
  }

  ack(r: Received, names: string[] = []): void {
    this.send({
      type_url: xdsTypeUrls[r.type],
      resource_names: names,
      version_info: r.version,
      response_nonce: r.nonce,
    });
  }

  nack(r: Received, message: string, names: string[] = []): void {
    this.send({
      type_url: xdsTypeUrls[r.type],
      resource_names: names,
      response_nonce: r.nonce,
      error_detail: { code: 3, message },
    });
  }

  send(request: Omit<DiscoveryRequest, 'node'>): void {
    this.call.write({ ...request, ...(this.first ? { node: { id: this.nodeId } } : {}) });
    this.first = false;
  }

  next(timeoutMs?: number): Promise<Received> {
    return this.inbox.next(timeoutMs);
  }

  close(): void {
    this.call.cancel();
    this.client.close();
  }
}

export interface DeltaReceived extends Received {
  readonly removed: string[];
  readonly versions: Record<string, string>;
}

/** A delta ADS client that answers only when told to. */
export class DeltaClient {
  readonly inbox = new Inbox<DeltaReceived>();
  private readonly client;
  private readonly call;
  private first = true;

  constructor(
    port: number,
    private readonly nodeId: string,
  ) {
    this.client = connect(port);
    this.call = this.client.DeltaAggregatedResources();
    this.call.on('data', (r: DeltaDiscoveryResponse) => {
      const type = xdsTypeOf(r.type_url);
      if (!type) throw new Error(`unexpected type ${r.type_url}`);
      this.inbox.push({
        type,
        version: r.system_version_info,
        nonce: r.nonce,
        names: r.resources.map((x) => x.name),
        resources: r.resources.map((x) => decodeAny(x.resource)),
        removed: r.removed_resources,
        versions: Object.fromEntries(r.resources.map((x) => [x.name, x.version])),
      });
    });
    this.call.on('error', () => undefined);
  }

  send(type: XdsType, request: Partial<Omit<DeltaDiscoveryRequest, 'node' | 'type_url'>>): void {
    this.call.write({
      resource_names_subscribe: [],
      resource_names_unsubscribe: [],
      initial_resource_versions: {},
      ...request,
      type_url: xdsTypeUrls[type],
      ...(this.first ? { node: { id: this.nodeId } } : {}),
    });
    this.first = false;
  }

  ack(r: DeltaReceived): void {
    this.send(r.type, { response_nonce: r.nonce });
  }

  nack(r: DeltaReceived, message: string): void {
    this.send(r.type, { response_nonce: r.nonce, error_detail: { code: 3, message } });
  }

  next(timeoutMs?: number): Promise<DeltaReceived> {
    return this.inbox.next(timeoutMs);
  }

  close(): void {
    this.call.cancel();
    this.client.close();
  }
}

export interface MemoryFixture {
  readonly objects: MemoryProxyReader;
  readonly versions: MemoryVersionStore;
  readonly conditions: MemoryConditionSink;
  readonly metrics: XdsMetrics;
  readonly server: XdsServer;
  readonly ads: AdsServer;
  readonly emitted: { proxy: string; reason: string; message: string }[];
  /** Every ACK/NACK the server handled, and every push it made, in order. */
  readonly answers: Answer[];
  readonly pushes: Push[];
  close(): Promise<void>;
}

/** An xDS server on in-memory objects and versions, listening on 127.0.0.1:0. */
export async function memoryXds(
  options: {
    objects?: MemoryProxyReader;
    versions?: MemoryVersionStore;
    observer?: Partial<StreamEvents>;
  } = {},
): Promise<MemoryFixture> {
  const objects = options.objects ?? new MemoryProxyReader();
  const versions = options.versions ?? new MemoryVersionStore();
  const conditions = new MemoryConditionSink();
  const metrics = createXdsMetrics();
  const emitted: MemoryFixture['emitted'] = [];
  const answers: Answer[] = [];
  const pushes: Push[] = [];
  const server = new XdsServer({
    reader: objects,
    versions,
    conditions,
    metrics,
    logger: quietLogger,
    observer: {
      ...options.observer,
      answered: (answer) => {
        answers.push(answer);
        options.observer?.answered?.(answer);
      },
      pushed: (push) => {
        pushes.push(push);
        options.observer?.pushed?.(push);
      },
    },
    emit: (proxy, event) =>
      emitted.push({ proxy: `${proxy.kind}/${proxy.namespace}/${proxy.name}`, ...event }),
  });
  const ads = await startAdsServer({ ...server.streams, host: '127.0.0.1', port: 0 });
  return {
    objects,
    versions,
    conditions,
    metrics,
    server,
    ads,
    emitted,
    answers,
    pushes,
    async close() {
      await ads.close();
      await server.idle();
    },
  };
}
