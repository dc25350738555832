// One dispatch, top to bottom: read the world, compute every EPIC node's table, write the
// finalizers (before any doorbell, so a proxy carries a node's finalizer before that node
// programs it), then store each node's payload and ring its doorbell when it changed. Runs are
// coalesced: a burst of events is served by one dispatch that started after all of them.
import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '@epic/logging';
import { nodeTunnelTables, type NodeTunnelTable } from '@epic/tunnel-plan';
import { Coalescer } from '../shared/coalescer.js';
import type { PayloadPublisher } from '../shared/payload-store.js';
import { ProxyObjects } from '../shared/proxy-objects.js';
import type { DispatcherMetrics } from './dispatcher-metrics.js';
import { planDispatch } from './dispatch-plan.js';
import { writeFinalizerChanges } from './finalizer-writer.js';
import { dispatchInput } from './plan-input.js';
import { WorldReader, type WorldScope } from './world-reader.js';
import { forEachLimit } from '@epic/kube';

export interface DispatcherDeps {
  kc: KubeConfig;
  scope: WorldScope;
  publisher: PayloadPublisher;
  metrics: DispatcherMetrics;
  log: Logger;
  /** Wait this long before a dispatch starts, so a burst gathers behind it. */
  settleMs: number;
}

export interface DispatchSummary {
  nodes: number;
  enqueued: string[];
  finalizerWrites: number;
}

export class Dispatcher {
  private readonly reader: WorldReader;
  private readonly objects: ProxyObjects;
  private readonly coalescer: Coalescer<DispatchSummary>;

  constructor(private readonly deps: DispatcherDeps) {
    this.reader = new WorldReader(deps.kc, deps.scope, deps.log);
    this.objects = new ProxyObjects(deps.kc);
    this.coalescer = new Coalescer(() => this.dispatchOnce(), deps.settleMs);
  }

  /** Resolves after a dispatch that started after this call. */
  request(): Promise<DispatchSummary> {
    return this.coalescer.request();
  }

  idle(): Promise<void> {
    return this.coalescer.idle();
  }

  private async dispatchOnce(): Promise<DispatchSummary> {
    const { metrics, log } = this.deps;
    const end = metrics.dispatchSeconds.startTimer();
    try {
      const summary = await this.dispatch();
      metrics.dispatches.inc({ result: 'ok' });
      if (summary.enqueued.length > 0 || summary.finalizerWrites > 0) {
        log.info(summary, 'dispatched');
      }
      return summary;
    } catch (err) {
      metrics.dispatches.inc({ result: 'error' });
      throw new Error('dispatching the node tunnel tables failed', { cause: err });
    } finally {
      end();
    }
  }

  private async dispatch(): Promise<DispatchSummary> {
    const { log, publisher } = this.deps;
    const input = dispatchInput(await this.reader.read());
    if (input.nodesWithoutAddress.length > 0) {
      log.warn(
        { nodes: input.nodesWithoutAddress },
        'EPIC nodes without an IPv4 InternalIP get no tunnel table',
      );
    }
    const tables = nodeTunnelTables(input.plan);
    this.observe(tables);
    const agentless = await publisher.agentless(tables.map((t) => t.node));
    const plan = planDispatch({
      tables,
      proxies: input.proxies,
      otherNodes: input.nodesWithoutAddress,
      agentless,
    });
    const finalizerWrites = await writeFinalizerChanges(this.objects, plan.finalizers, log);
    this.deps.metrics.finalizerWrites.inc(finalizerWrites);
    const enqueued: string[] = [];
    await forEachLimit(plan.payloads, 8, async (payload) => {
      if ((await publisher.publish(payload)) === 'unchanged') return;
      enqueued.push(payload.node);
      this.deps.metrics.jobsEnqueued.inc({ node: payload.node });
    });
    return { nodes: tables.length, enqueued: enqueued.sort(), finalizerWrites };
  }

  private observe(tables: readonly NodeTunnelTable[]): void {
    const { metrics, log } = this.deps;
    const problems = new Map<string, number>();
    for (const table of tables) {
      const tunnels = table.proxies.reduce((n, p) => n + p.tunnels.length, 0);
      metrics.tunnels.set({ node: table.node }, tunnels);
      for (const p of table.problems) problems.set(p.kind, (problems.get(p.kind) ?? 0) + 1);
    }
    metrics.problems.reset();
    for (const [kind, count] of problems) metrics.problems.set({ kind }, count);
    for (const table of tables.filter((t) => t.problems.length > 0)) {
      log.debug(
        { node: table.node, problems: table.problems.map((p) => p.message) },
        'tunnel table problems',
      );
    }
  }
}
