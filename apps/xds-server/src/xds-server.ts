// The xDS server's core: snapshots in memory, kept current by render targets (from events, or
// everything at start-up), served to ADS streams. One process runs this, the gRPC server and
// the event worker (main.ts); see README.md for why.
import { contentHash, type JsonValue } from '@epic/envoy-render';
import { encodeMessage } from '@epic/envoy-render/proto';
import type { DomainEvent } from '@epic/events';
import type { KubeEvent } from '@epic/kube';
import type { Logger } from '@epic/logging';
import { xdsNodeId, type LBServiceGroupInput } from '@epic/model';
import { AcceptanceTracker } from './acceptance.js';
import type { ConditionSink } from './condition-sink.js';
import { renderTarget, targetKey, type RenderTarget } from './event-routing.js';
import { KeyedRunner } from './keyed-runner.js';
import type { GatewayBundle, LoadBalancerBundle } from './proxy-bundles.js';
import type { ProxyReader } from './proxy-reader.js';
import {
  gatewayKey,
  loadBalancerKey,
  renderGatewayProxy,
  renderLoadBalancerProxy,
} from './proxy-render.js';
import { publish, type PublishDeps } from './publish.js';
import { SnapshotCache } from './snapshot-cache.js';
import { versionSlot, type Encoder, type ProxyKey } from './snapshot.js';
import type { StreamContext, StreamEvents } from './stream-base.js';
import { streamReports } from './stream-reports.js';
import type { VersionStore } from './version-store.js';
import type { XdsMetrics } from './xds-metrics.js';

export interface XdsServerDeps {
  readonly reader: ProxyReader;
  readonly versions: VersionStore;
  readonly conditions: ConditionSink;
  readonly metrics: XdsMetrics;
  readonly logger: Logger;
  /** Default: envoy-render's strict proto encoder. */
  readonly encode?: Encoder;
  /** Namespaces whose events are served (default all). */
  readonly inScope?: (namespace: string) => boolean;
  /** Kubernetes Events (best effort). */
  readonly emit?: (proxy: ProxyKey, event: KubeEvent) => void;
  readonly observer?: Partial<StreamEvents>;
}

function templateHash(group: LBServiceGroupInput | undefined): string {
  return contentHash((group?.spec['envoy-template'] ?? null) as JsonValue);
}

export class XdsServer {
  readonly cache = new SnapshotCache();
  private readonly runner = new KeyedRunner();
  private readonly acceptance = new AcceptanceTracker();
  /** Every proxy rendered or tried, by node id: a failed one is re-rendered when its group changes. */
  private readonly proxies = new Map<string, ProxyKey>();
  /** `<ns>/<group>` -> hash of the envoy-template the proxies were last rendered with. */
  private readonly groupTemplates = new Map<string, string>();
  private readonly publishDeps: PublishDeps;
  private readonly log: Logger;
  readonly streams: StreamContext;

  constructor(private readonly deps: XdsServerDeps) {
    this.log = deps.logger.child({ component: 'xds' });
    this.publishDeps = {
      cache: this.cache,
      versions: deps.versions,
      conditions: deps.conditions,
      metrics: deps.metrics,
      encode: deps.encode ?? encodeMessage,
      log: this.log,
    };
    const events = streamReports({
      metrics: deps.metrics,
      acceptance: this.acceptance,
      conditions: deps.conditions,
      log: this.log,
      proxyOf: (nodeId) => this.proxies.get(nodeId),
      emit: deps.emit,
      observer: deps.observer,
    });
    this.streams = { cache: this.cache, events, log: this.log };
  }

  /** Renders everything served (start-up); resolves with the number of proxies. */
  async renderAll(concurrency = 16): Promise<number> {
    const { loadBalancers, gateways } = await this.deps.reader.everything();
    const work = [
      ...loadBalancers.map((b) => () => this.whileHolding(lbTarget(b), () => this.publishLb(b))),
      ...gateways.map(
        (b) => () =>
          this.whileHolding({ kind: 'gateways', namespace: b.namespace }, () =>
            this.publishGateways(b),
          ),
      ),
    ];
    let next = 0;
    const lane = async () => {
      while (next < work.length) await work[next++]?.();
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    return this.proxies.size;
  }

  /**
   * The event worker's handler: re-renders what the event concerns. A group is always looked
   * at: a system group (core namespace) serves proxies of every namespace, and only proxies
   * this process holds (all in scope) are re-rendered for it.
   */
  async handleEvent(event: DomainEvent): Promise<void> {
    const target = renderTarget(event);
    if (!target) return;
    if (target.kind !== 'group' && !(this.deps.inScope?.(target.namespace) ?? true)) return;
    await this.render(target);
  }

  render(target: RenderTarget): Promise<void> {
    return this.whileHolding(target, () => this.renderNow(target));
  }

  /** Resolves when no render and no condition write is running (tests, shutdown). */
  async idle(): Promise<void> {
    await this.runner.idle();
    await this.deps.conditions.idle();
  }

  private whileHolding(target: RenderTarget, task: () => Promise<void>): Promise<void> {
    return this.runner.run(targetKey(target), task);
  }

  private async renderNow(target: RenderTarget): Promise<void> {
    const ref = { namespace: target.namespace, name: 'name' in target ? target.name : '' };
    if (target.kind === 'loadBalancer') {
      const bundle = await this.deps.reader.loadBalancer(ref);
      if (bundle) await this.publishLb(bundle);
      else await this.drop(xdsNodeId(ref.namespace, ref.name));
    } else if (target.kind === 'gateways') {
      await this.publishGateways(await this.deps.reader.gateways(target.namespace));
    } else {
      await this.groupChanged(ref, await this.deps.reader.group(ref));
    }
  }

  private noteGroup(key: ProxyKey, group: LBServiceGroupInput | undefined) {
    const slot = versionSlot(key).group;
    if (slot) this.groupTemplates.set(`${slot.namespace}/${slot.name}`, templateHash(group));
  }

  private async publishLb(bundle: LoadBalancerBundle): Promise<void> {
    const key = loadBalancerKey(bundle);
    this.proxies.set(xdsNodeId(key.namespace, key.name), key);
    this.noteGroup(key, bundle.group);
    await publish(this.publishDeps, key, () => renderLoadBalancerProxy(bundle));
  }

  private async publishGateways(bundle: GatewayBundle): Promise<void> {
    const live = new Set<string>();
    await Promise.all(
      bundle.proxies.map((proxy) => {
        const key = gatewayKey(proxy, bundle);
        const nodeId = xdsNodeId(key.namespace, key.name);
        live.add(nodeId);
        this.proxies.set(nodeId, key);
        this.noteGroup(key, bundle.groups.get(key.group ?? ''));
        return publish(this.publishDeps, key, () => renderGatewayProxy(proxy, bundle));
      }),
    );
    const gone = [...this.proxies.entries()].filter(
      ([nodeId, key]) =>
        key.kind === 'GWProxy' && key.namespace === bundle.namespace && !live.has(nodeId),
    );
    for (const [nodeId] of gone) await this.drop(nodeId);
  }

  /** Re-renders the group's proxies when its envoy-template changed (not for status writes). */
  private async groupChanged(
    ref: { namespace: string; name: string },
    group?: LBServiceGroupInput,
  ) {
    const key = `${ref.namespace}/${ref.name}`;
    const hash = templateHash(group);
    if (this.groupTemplates.get(key) === hash) return;
    this.groupTemplates.set(key, hash);
    const dependents = [...this.proxies.values()].filter(
      (p) => p.groupNamespace === ref.namespace && p.group === ref.name,
    );
    const targets = new Map<string, RenderTarget>(
      dependents.map((p) => {
        const target: RenderTarget =
          p.kind === 'LoadBalancer'
            ? { kind: 'loadBalancer', namespace: p.namespace, name: p.name }
            : { kind: 'gateways', namespace: p.namespace };
        return [targetKey(target), target];
      }),
    );
    this.log.info(
      { group: key, proxies: dependents.length },
      'envoy-template changed; re-rendering',
    );
    await Promise.all([...targets.values()].map((t) => this.render(t)));
  }

  private async drop(nodeId: string): Promise<void> {
    const key = this.proxies.get(nodeId);
    this.cache.remove(nodeId);
    this.proxies.delete(nodeId);
    this.acceptance.forget(nodeId);
    this.deps.metrics.snapshots.set(this.cache.size);
    if (!key) return;
    this.deps.metrics.renders.inc({ kind: key.kind, outcome: 'removed' });
    const slot = versionSlot(key);
    await this.deps.versions.forget(slot.group, slot.entry);
    this.log.info({ nodeId }, 'proxy gone; its snapshot is no longer served');
  }
}

function lbTarget(bundle: LoadBalancerBundle): RenderTarget {
  const { namespace = '', name = '' } = bundle.lb.metadata;
  return { kind: 'loadBalancer', namespace, name };
}
