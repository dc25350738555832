// Where the conditions go. Writes are best effort and off the hot path: a stream reporting a
// NACK must not wait for the apiserver, and a failed write is logged, never thrown (the
// snapshot is served either way). The kube sink writes through the status subresource with the
// read resourceVersion, one object at a time, and skips a write when the last one it made
// already said the same.
import type { Conditioned, EpicObjects } from '@epic/kube';
import { isNotFound, writeConditions } from '@epic/kube';
import type { Logger } from '@epic/logging';
import {
  setCondition,
  type Condition,
  type ConditionUpdate,
  type gwProxyKind,
  type loadBalancerKind,
} from '@epic/model';
import { KeyedRunner } from './keyed-runner.js';
import { createLimiter, type Limiter } from './limiter.js';
import type { ProxyKey, ProxyKind } from './snapshot.js';

export interface ConditionSink {
  /** Asserts a condition on the proxy; returns at once. */
  assert(proxy: ProxyKey, condition: ConditionUpdate): void;
  /** Resolves when every assertion made so far is written (tests, shutdown). */
  idle(): Promise<void>;
}

export function proxyRef(proxy: ProxyKey): string {
  return `${proxy.kind}/${proxy.namespace}/${proxy.name}`;
}

/** Conditions in memory (tests, benchmark): the latest per proxy and type, and every change. */
export class MemoryConditionSink implements ConditionSink {
  readonly current = new Map<string, Condition[]>();
  readonly history: { proxy: string; condition: ConditionUpdate }[] = [];

  constructor(private readonly now: () => Date = () => new Date()) {}

  assert(proxy: ProxyKey, condition: ConditionUpdate): void {
    const key = proxyRef(proxy);
    const before = this.current.get(key);
    const after = setCondition(before, condition, this.now());
    if (after === before) return;
    this.current.set(key, after);
    this.history.push({ proxy: key, condition });
  }

  find(proxy: string, type: string): Condition | undefined {
    return this.current.get(proxy)?.find((c) => c.type === type);
  }

  idle(): Promise<void> {
    return Promise.resolve();
  }
}

export interface ProxyObjects {
  readonly LoadBalancer: EpicObjects<typeof loadBalancerKind>;
  readonly GWProxy: EpicObjects<typeof gwProxyKind>;
}

interface StatusIo {
  read(ref: { namespace: string; name: string }): Promise<Conditioned>;
  write(object: Conditioned): Promise<Conditioned>;
}

function statusIo(objects: ProxyObjects): Readonly<Record<ProxyKind, StatusIo>> {
  const lbs = objects.LoadBalancer;
  const gws = objects.GWProxy;
  return {
    LoadBalancer: {
      read: (ref) => lbs.get(ref),
      write: (object) => lbs.replaceStatus(object as Parameters<typeof lbs.replaceStatus>[0]),
    },
    GWProxy: {
      read: (ref) => gws.get(ref),
      write: (object) => gws.replaceStatus(object as Parameters<typeof gws.replaceStatus>[0]),
    },
  };
}

export class KubeConditionSink implements ConditionSink {
  private readonly runner = new KeyedRunner();
  /** proxy -> type -> the condition to write. */
  private readonly desired = new Map<string, Map<string, ConditionUpdate>>();
  /** proxy/type -> the last condition written (JSON), to skip repeats without a read. */
  private readonly written = new Map<string, string>();

  private readonly io: Readonly<Record<ProxyKind, StatusIo>>;
  private readonly limit: Limiter = createLimiter(16);

  constructor(
    objects: ProxyObjects,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.io = statusIo(objects);
  }

  assert(proxy: ProxyKey, condition: ConditionUpdate): void {
    const key = proxyRef(proxy);
    if (this.written.get(`${key}/${condition.type}`) === JSON.stringify(condition)) return;
    const wanted = this.desired.get(key) ?? new Map<string, ConditionUpdate>();
    wanted.set(condition.type, condition);
    this.desired.set(key, wanted);
    void this.runner
      .run(key, () => this.write(proxy))
      .catch((err: unknown) =>
        this.log.warn({ err, proxy: key }, 'writing a condition failed; the next change retries'),
      );
  }

  idle(): Promise<void> {
    return this.runner.idle();
  }

  private async write(proxy: ProxyKey): Promise<void> {
    const key = proxyRef(proxy);
    const wanted = this.desired.get(key);
    this.desired.delete(key);
    if (!wanted || wanted.size === 0) return;
    const io = this.io[proxy.kind];
    const ref = { namespace: proxy.namespace, name: proxy.name };
    try {
      await writeConditions({
        what: `${key} status.conditions`,
        read: () => io.read(ref),
        write: (next) => io.write(next),
        conditions: () => [...wanted.values()],
        now: this.now,
      });
    } catch (err) {
      if (isNotFound(err)) return; // the proxy is gone: nothing to say it on
      throw err;
    }
    for (const condition of wanted.values()) {
      this.written.set(`${key}/${condition.type}`, JSON.stringify(condition));
    }
  }
}
