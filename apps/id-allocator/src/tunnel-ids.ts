// Tunnel IDs, from EPIC status.current-tunnel-id to status.gue-tunnel-endpoints[<client node>]
// of a LoadBalancer. Every tunnel in the system claims from the one EPIC singleton, so this is
// the hottest counter: all LBs waiting at the same moment share one claim (group commit).
import {
  applyTunnelIds,
  loadBalancerIdsCondition,
  nodeAddressesOf,
  planTunnelIds,
  type EpicGueEndpoint,
  type TunnelIdPlan,
  type TunnelWant,
} from '@epic/allocation';
import { readFirst, replaceWithRetry, type ObjectRef, orAbsent, withCondition } from '@epic/kube';
import { owningLoadBalancerLabel, type EPIC, type LoadBalancer } from '@epic/model';
import { claimCounter, claimKey, isLive, type AllocatorContext } from './allocator-context.js';
import { readEpic } from './epic-singleton.js';
import { refuseLoadBalancer } from './refuse-load-balancer.js';
import { GroupCommit, type ItemResult } from './group-commit.js';
import { TunnelPairs } from './tunnel-pairs.js';

type TunnelOutcome = {
  tunnelIds?: Record<string, number>;
  exhausted?: string;
  endpoint: EpicGueEndpoint;
};

const defaultEpicPort = { port: 6080, protocol: 'UDP' as const, appProtocol: 'gue' };

export class TunnelIds {
  private readonly commits: GroupCommit<TunnelWant, TunnelOutcome>;
  private readonly pairs: TunnelPairs;

  constructor(private readonly ctx: AllocatorContext) {
    this.pairs = new TunnelPairs(ctx);
    this.commits = new GroupCommit((_epic, wants) => this.claimBatch(wants), {
      ...ctx.batching,
      onBatch: (size) => ctx.metrics.batchSize.observe({ parent: 'epic' }, size),
    });
  }

  /**
   * Gives every client node of the LB's RemoteEndpoints a tunnel ID, then states the LB's
   * IdsAllocated condition. An LB without a service ID waits for it (its own event comes).
   * `read` saves a GET when the caller has just read or written the LB.
   */
  async ensure(ref: ObjectRef, read?: LoadBalancer, podsMoved = false): Promise<void> {
    const lb = read ?? (await orAbsent(this.ctx.lbs.get(ref)));
    if (!lb || !isLive(lb) || (lb.spec['service-id'] ?? 0) === 0) return;
    const endpoints = await this.ctx.endpoints.list(
      ref.namespace,
      `${owningLoadBalancerLabel}=${ref.name}`,
    );
    const nodeAddresses = nodeAddressesOf(endpoints);
    if (!needsTunnelIds(lb, nodeAddresses)) {
      await this.record(ref, lb, nodeAddresses, undefined);
    } else {
      await this.ctx.locks.withLock(claimKey('tunnel', lb), async () => {
        // Under the lock: another replica may have recorded them while we waited.
        const fresh = await orAbsent(this.ctx.lbs.get(ref));
        if (fresh && isLive(fresh)) await this.allocate(ref, fresh, nodeAddresses);
      });
    }
    if (podsMoved || spansEpicNodes(lb)) await this.pairs.ensure(ref, nodeAddresses);
  }

  private async allocate(ref: ObjectRef, lb: LoadBalancer, nodeAddresses: string[]): Promise<void> {
    if (!needsTunnelIds(lb, nodeAddresses)) {
      await this.record(ref, lb, nodeAddresses, undefined);
      return;
    }
    const want = { lb: ref, nodeAddresses, existing: lb.status?.['gue-tunnel-endpoints'] };
    const outcome = await this.commits.submit('epic', want);
    if (outcome.exhausted !== undefined)
      await refuseLoadBalancer(this.ctx, lb, {
        kind: 'tunnel',
        reason: 'TunnelIdsExhausted',
        message: outcome.exhausted,
      });
    else await this.record(ref, lb, nodeAddresses, outcome);
  }

  private async claimBatch(wants: readonly TunnelWant[]): Promise<ItemResult<TunnelOutcome>[]> {
    let plan: TunnelIdPlan = { kind: 'nothing-to-do' };
    let endpoint: EpicGueEndpoint = { 'epic-port': defaultEpicPort };
    await claimCounter(this.ctx, {
      parent: 'epic',
      what: `EPIC epic/epic status.current-tunnel-id (for ${wants.length} LoadBalancer claims)`,
      read: () => readEpic(this.ctx),
      decide: (epic) => {
        plan = planTunnelIds(epic, wants);
        endpoint = gueEndpointOf(epic);
        return plan.kind === 'claim' ? { ...epic, status: plan.epicStatus } : undefined;
      },
      write: (epic) => this.ctx.epics.replaceStatus(epic),
    });
    return this.outcomes(wants, plan, endpoint);
  }

  private async outcomes(
    wants: readonly TunnelWant[],
    plan: TunnelIdPlan,
    endpoint: EpicGueEndpoint,
  ): Promise<ItemResult<TunnelOutcome>[]> {
    if (plan.kind === 'exhausted' && wants.length > 1) {
      const results: ItemResult<TunnelOutcome>[] = [];
      for (const want of wants) results.push(...(await this.claimBatch([want])));
      return results;
    }
    if (plan.kind === 'exhausted')
      return [{ ok: true, value: { exhausted: plan.message, endpoint } }];
    const byLb = new Map(
      (plan.kind === 'claim' ? plan.assignments : []).map((a) => [
        `${a.lb.namespace}/${a.lb.name}`,
        a.tunnelIds,
      ]),
    );
    return wants.map((want) => ({
      ok: true,
      value: { tunnelIds: byLb.get(`${want.lb.namespace}/${want.lb.name}`), endpoint },
    }));
  }

  /** Merges the claimed IDs (if any) and the condition into the LB's status in one Update. */
  /** Starts from the LB in hand (read under the claim lock, or just before): a GET saved. */
  private async record(
    ref: ObjectRef,
    lb: LoadBalancer,
    nodeAddresses: readonly string[],
    outcome: TunnelOutcome | undefined,
  ): Promise<void> {
    const ids = outcome?.tunnelIds ?? {};
    let recorded = 0;
    const { object } = await replaceWithRetry<LoadBalancer>({
      what: `LoadBalancer ${ref.namespace}/${ref.name} status.gue-tunnel-endpoints`,
      read: readFirst(lb, () => this.ctx.lbs.get(ref)),
      mutate: (current) => {
        const status = outcome && applyTunnelIds(current.status, ids, outcome.endpoint);
        const merged: LoadBalancer = status ? { ...current, status } : current;
        recorded = countRecorded(merged, ids);
        const condition = loadBalancerIdsCondition(merged, nodeAddresses);
        return withCondition(merged, condition, this.ctx.now()) ?? (status ? merged : undefined);
      },
      write: (current) => this.ctx.lbs.replaceStatus(current),
    });
    this.count(object, ids, recorded);
  }

  private count(lb: LoadBalancer, ids: Record<string, number>, recorded: number): void {
    const claimed = Object.keys(ids).length;
    if (claimed === 0) return;
    this.ctx.metrics.allocated.inc({ kind: 'tunnel' }, recorded);
    if (claimed > recorded) this.ctx.metrics.leaked.inc({ kind: 'tunnel' }, claimed - recorded);
    if (recorded === 0) return;
    const mine = Object.entries(ids).filter(
      ([node, id]) => lb.status?.['gue-tunnel-endpoints']?.[node]?.['tunnel-id'] === id,
    );
    this.ctx.emit(lb, {
      type: 'Normal',
      reason: 'TunnelIdsAllocated',
      message: `Tunnel IDs allocated from EPIC status.current-tunnel-id: ${mine.map(([n, id]) => `${n}=${id}`).join(', ')}.`,
    });
  }
}

/**
 * Whether the LB's tunnels already list several EPIC nodes: then a new client node needs its pairs
 * too. Otherwise only an Envoy pod landing on another node (a ProxyPod event) can call for
 * pairs, so the common case skips listing pods.
 */
function spansEpicNodes(lb: LoadBalancer): boolean {
  return Object.values(lb.status?.['gue-tunnel-endpoints'] ?? {}).some(
    (entry) => Object.keys(entry['epic-endpoints'] ?? {}).length > 1,
  );
}

/** Whether a client node of the LB lacks a tunnel ID (a plan against an empty counter says). */
function needsTunnelIds(lb: LoadBalancer, nodeAddresses: readonly string[]): boolean {
  const want = {
    lb: { namespace: '', name: '' },
    nodeAddresses,
    existing: lb.status?.['gue-tunnel-endpoints'],
  };
  return planTunnelIds({ status: {} }, [want]).kind !== 'nothing-to-do';
}

/** How many of our claimed IDs the status holds after the merge (the rest leaked). */
function countRecorded(lb: LoadBalancer, ids: Record<string, number>): number {
  const tunnels = lb.status?.['gue-tunnel-endpoints'] ?? {};
  return Object.entries(ids).filter(([node, id]) => tunnels[node]?.['tunnel-id'] === id).length;
}

function gueEndpointOf(epic: EPIC): EpicGueEndpoint {
  const endpoint = epic.spec.base?.['gue-endpoint'];
  return {
    'epic-address': endpoint?.['epic-address'],
    'epic-port': { ...defaultEpicPort, ...endpoint?.['epic-port'] },
  };
}
