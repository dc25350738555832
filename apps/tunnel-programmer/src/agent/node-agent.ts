// One node agent run, top to bottom: read the node's latest payload; program the data plane to
// match its table; say what happened (Node Events, each proxy's status and condition); and only
// when programmed, release the finalizers of proxies that have left this node. Runs are
// serialised and coalesced (jobs, start-up and resync share them), and each reads the latest
// payload, so a restart or a late job re-applies the current table and nothing older.
import type { Redis } from 'ioredis';
import type { KubeEvent } from '@epic/kube';
import type { Logger } from '@epic/logging';
import { Coalescer } from '../shared/coalescer.js';
import { readLatestPayload } from '../shared/payload-store.js';
import type { ProxyObjects } from '../shared/proxy-objects.js';
import type { AgentMetrics } from './agent-metrics.js';
import { releaseFinalizers } from './finalizer-release.js';
import { initialNodeEventState, nodeEventsFor } from './node-events.js';
import type { DataPlaneProgrammer, ProgramOutcome } from './programmer.js';
import type { StatusWriter } from './status-writer.js';

export interface NodeAgentDeps {
  node: string;
  redis: Redis;
  /** Topic prefix: names the node's queue and payload key. */
  prefix: string;
  programmer: DataPlaneProgrammer;
  status: StatusWriter;
  objects: ProxyObjects;
  /** Records a Kubernetes Event on this node's Node object; best effort. */
  emitNodeEvent: (event: KubeEvent) => void;
  metrics: AgentMetrics;
  log: Logger;
}

export type RunResult =
  | { kind: 'idle' }
  | { kind: 'invalid'; message: string }
  | { kind: 'programmed'; hash: string; commands: number }
  | { kind: 'unavailable'; hash: string; message: string }
  | { kind: 'failed'; hash: string; message: string };

export class NodeAgent {
  private readonly coalescer: Coalescer<RunResult>;
  private nodeEvents = initialNodeEventState;
  private saidIdle = false;

  constructor(private readonly deps: NodeAgentDeps) {
    this.coalescer = new Coalescer(() => this.runOnce());
  }

  /** Resolves after a run that started after this call. */
  reconcile(): Promise<RunResult> {
    return this.coalescer.request();
  }

  idle(): Promise<void> {
    return this.coalescer.idle();
  }

  private async runOnce(): Promise<RunResult> {
    const end = this.deps.metrics.runSeconds.startTimer();
    try {
      const result = await this.run();
      this.deps.metrics.runs.inc({ outcome: result.kind });
      return result;
    } finally {
      end();
    }
  }

  private async run(): Promise<RunResult> {
    const { node, log } = this.deps;
    const latest = await readLatestPayload(this.deps.redis, this.deps.prefix, node);
    if (latest.kind === 'none') {
      if (!this.saidIdle) log.info('no tunnel table dispatched for this node yet');
      this.saidIdle = true;
      return { kind: 'idle' };
    }
    if (latest.kind === 'invalid') {
      log.error({ problem: latest.message }, 'the stored tunnel table cannot be used');
      return { kind: 'invalid', message: latest.message };
    }
    const { payload } = latest;
    const outcome = await this.deps.programmer.program(payload.table);
    this.sayOnNode(outcome);
    const statusWrites = await this.deps.status.report(outcome);
    const released =
      outcome.kind === 'programmed'
        ? await releaseFinalizers({
            objects: this.deps.objects,
            node,
            release: payload.release,
            log,
          })
        : 0;
    this.account(outcome, statusWrites, released);
    return resultOf(outcome, payload.hash);
  }

  private sayOnNode(outcome: ProgramOutcome): void {
    const said = nodeEventsFor(this.nodeEvents, outcome, this.deps.programmer.driverName);
    this.nodeEvents = said.state;
    for (const event of said.events) this.deps.emitNodeEvent(event);
  }

  private account(outcome: ProgramOutcome, statusWrites: number, released: number): void {
    const { metrics, log } = this.deps;
    metrics.statusWrites.inc(statusWrites);
    metrics.finalizersReleased.inc(released);
    metrics.driverAvailable.set(outcome.kind === 'unavailable' ? 0 : 1);
    const tunnels = outcome.table.proxies.reduce((n, p) => n + p.tunnels.length, 0);
    const fields = { outcome: outcome.kind, tunnels, statusWrites, released };
    if (outcome.kind === 'programmed') {
      metrics.commands.inc(outcome.commands);
      metrics.tunnels.set(tunnels);
      const busy = outcome.commands + statusWrites + released > 0;
      log[busy ? 'info' : 'debug']({ ...fields, commands: outcome.commands }, 'node programmed');
      if (outcome.problems.length > 0) log.debug({ problems: outcome.problems }, 'table problems');
      return;
    }
    log.warn({ ...fields, problem: outcome.message }, 'node not programmed');
  }
}

function resultOf(outcome: ProgramOutcome, hash: string): RunResult {
  if (outcome.kind === 'programmed')
    return { kind: 'programmed', hash, commands: outcome.commands };
  return { kind: outcome.kind, hash, message: outcome.message };
}
