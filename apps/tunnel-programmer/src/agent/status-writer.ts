// After a run, what this node says on each proxy its table carries, in one status Update per
// proxy (read, merge, Update with the read resourceVersion; 409 re-reads and merges again):
//   - when programmed: the fields this node owns (libs/tunnel-plan's mergeAgentStatus: the
//     `epic-address` of its tunnels, and on a LoadBalancer's first EPIC node `proxy-ifindex` /
//     `proxy-ifname`); tunnel IDs and entries are the id-allocator's and are never touched;
//   - always: the `TunnelsProgrammed` condition (tunnels-condition.ts).
// Nothing is written when nothing changes; a Kubernetes Event marks a condition's transition.
import { withCondition, type InvolvedObject, type KubeEvent } from '@epic/kube';
import type { Logger } from '@epic/logging';
import type { Condition, ConditionUpdate } from '@epic/model';
import { agentStatusFields, mergeAgentStatus, proxyKey, type ProxyRef } from '@epic/tunnel-plan';
import type { ProxyObject, ProxyObjects } from '../shared/proxy-objects.js';
import type { ProgramOutcome } from './programmer.js';
import { tunnelsCondition, tunnelsConditionType } from './tunnels-condition.js';
import { forEachLimit } from '@epic/kube';

export interface StatusWriterDeps {
  objects: ProxyObjects;
  node: string;
  now: () => Date;
  /** Records a Kubernetes Event; best effort, never throws. */
  emit: (object: InvolvedObject, event: KubeEvent) => void;
  log: Logger;
}

interface Change {
  next: ProxyObject;
  /** The condition as written, when its status moved. */
  transition?: ConditionUpdate | undefined;
}

export class StatusWriter {
  constructor(private readonly deps: StatusWriterDeps) {}

  /** Writes every proxy of the outcome's table; returns how many were written. */
  async report(outcome: ProgramOutcome): Promise<number> {
    let written = 0;
    await forEachLimit(outcome.table.proxies, 8, async (entry) => {
      if (await this.reportOne(outcome, entry.proxy)) written++;
    });
    return written;
  }

  private async reportOne(outcome: ProgramOutcome, ref: ProxyRef): Promise<boolean> {
    let change: Change | undefined;
    const result = await this.deps.objects.update({
      ref,
      what: 'status (tunnel endpoints and TunnelsProgrammed)',
      subresource: 'status',
      change: (current) => {
        change = this.decide(current, outcome, ref);
        return change?.next;
      },
    });
    if (result !== 'written' || !change) return false;
    this.deps.log.debug({ ref: proxyKey(ref) }, 'status written');
    const transition = change.transition;
    if (transition) this.deps.emit(change.next, eventOf(transition));
    return true;
  }

  private decide(current: ProxyObject, outcome: ProgramOutcome, ref: ProxyRef): Change | undefined {
    const { node, now } = this.deps;
    const fields =
      outcome.kind === 'programmed' ? agentStatusFields(outcome.table, ref) : undefined;
    const merged = fields && mergeAgentStatus(current.status, fields);
    const base = merged ? ({ ...current, status: merged } as ProxyObject) : current;
    const before = base.status?.conditions;
    const update = tunnelsCondition({
      conditions: before,
      node,
      outcome,
      generation: current.metadata.generation,
    });
    const next = withCondition(base, update, now()) ?? (merged ? base : undefined);
    if (!next) return undefined;
    return { next, transition: moved(before, next.status?.conditions) ? update : undefined };
  }
}

function statusOf(conditions: readonly Condition[] | undefined): string | undefined {
  return conditions?.find((c) => c.type === tunnelsConditionType)?.status;
}

function moved(before: readonly Condition[] | undefined, after: readonly Condition[] | undefined) {
  return statusOf(before) !== statusOf(after);
}

function eventOf(condition: ConditionUpdate): KubeEvent {
  return condition.status === 'True'
    ? { type: 'Normal', reason: tunnelsConditionType, message: condition.message }
    : { type: 'Warning', reason: condition.reason, message: condition.message };
}
