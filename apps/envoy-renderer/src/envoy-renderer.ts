// envoy-renderer's reconcile of one proxy, cluster-api style: fetch; being deleted ->
// reconcileDelete; else reconcileNormal. Kubernetes decides, never the event: every call
// re-reads what it needs, so duplicates, re-ordering, replays and restarts reach the same state.
import { proxySourceOf, type ProxyKind } from '@epic/envoy-deployment';
import type { ObjectRef } from '@epic/kube';
import type { Logger } from '@epic/logging';
import { KeyedQueue } from './keyed-queue.js';
import { refOf, type ProxyObject } from './proxies.js';
import { reconcileDelete } from './reconcile-delete.js';
import { reconcileNormal } from './reconcile-normal.js';
import {
  createRendererContext,
  type RendererContext,
  type RendererDeps,
} from './renderer-context.js';
import type { ReconcileResult } from './renderer-metrics.js';
import { orAbsent } from '@epic/kube';

const proxyKinds: readonly ProxyKind[] = ['LoadBalancer', 'GWProxy'];

export class EnvoyRenderer {
  private readonly ctx: RendererContext;
  private readonly queue = new KeyedQueue();

  constructor(deps: RendererDeps) {
    this.ctx = createRendererContext(deps);
  }

  /** Converges one proxy's Envoy Deployment and its ProxyReady condition. */
  async reconcile(kind: ProxyKind, ref: ObjectRef, log: Logger, image?: string): Promise<void> {
    if (!this.ctx.inScope(ref.namespace)) return;
    const child = log.child({ proxy: `${kind} ${ref.namespace}/${ref.name}` });
    await this.queue.run(`${kind}/${ref.namespace}/${ref.name}`, () =>
      this.converge(kind, ref, child, image),
    );
  }

  /** Every proxy made from the service group (its image or replica count changed, or it came or went). */
  async reconcileGroup(namespace: string, group: string, log: Logger): Promise<void> {
    if (!this.ctx.inScope(namespace)) return;
    for (const kind of proxyKinds) {
      const objects = await this.ctx.proxies[kind].list(namespace);
      await this.each(
        objects.filter((o) => proxySourceOf(o).serviceGroup === group),
        log,
      );
    }
  }

  /** Every proxy this replica serves (EPIC's default image changed); the image is read once. */
  async reconcileAll(log: Logger): Promise<void> {
    const image = await this.ctx.defaultImage();
    for (const kind of proxyKinds) {
      const objects = await this.ctx.proxies[kind].listAll();
      await this.each(objects, log, image);
    }
  }

  /** Each listed proxy in turn, re-read under its key; one failure does not starve the rest. */
  private async each(objects: ProxyObject[], log: Logger, image?: string): Promise<void> {
    const failures: unknown[] = [];
    for (const object of objects) {
      await this.reconcile(object.kind, refOf(object), log, image).catch((err: unknown) =>
        failures.push(err),
      );
    }
    if (failures.length > 0) {
      throw new AggregateError(
        failures,
        `${failures.length} of ${objects.length} proxies failed to reconcile`,
      );
    }
  }

  private async converge(kind: ProxyKind, ref: ObjectRef, log: Logger, image?: string) {
    try {
      const object = await orAbsent(this.ctx.proxies[kind].get(ref));
      const result = await this.step(object, log, image);
      this.ctx.metrics.reconciles.inc({ kind, result });
    } catch (err) {
      this.ctx.metrics.errors.inc({ kind });
      throw err;
    }
  }

  private step(
    object: ProxyObject | undefined,
    log: Logger,
    image?: string,
  ): Promise<ReconcileResult> {
    if (!object) return Promise.resolve('gone');
    if (object.metadata.deletionTimestamp !== undefined)
      return reconcileDelete(this.ctx, object, log);
    return reconcileNormal(this.ctx, object, log, image);
  }
}
