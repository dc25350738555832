// Tunnel IDs for (client node, EPIC node) pairs, once a LoadBalancer's Envoy replicas run on
// more than one EPIC node (see libs/allocation tunnel-pairs.ts). Rare (pods move), so claims
// are not grouped; they run under the LB's tunnel lock like the seed's tunnel IDs.
import {
  applyPairTunnelIds,
  missingPairs,
  planPairTunnelIds,
  type PairTunnelPlan,
  type PairWant,
} from '@epic/allocation';
import { replaceWithRetry, type ObjectRef, orAbsent } from '@epic/kube';
import { claimCounter, claimKey, isLive, type AllocatorContext } from './allocator-context.js';
import { readEpic } from './epic-singleton.js';

const defaultEpicPort = { port: 6080, protocol: 'UDP' as const, appProtocol: 'gue' };

export class TunnelPairs {
  constructor(private readonly ctx: AllocatorContext) {}

  async ensure(ref: ObjectRef, nodeAddresses: readonly string[]): Promise<void> {
    const epicNodes = await this.ctx.epicNodes.ofLoadBalancer(ref.namespace, ref.name);
    if (epicNodes.length < 2) return;
    const lb = await orAbsent(this.ctx.lbs.get(ref));
    if (!lb || !isLive(lb)) return;
    const want: PairWant = {
      lb: ref,
      nodeAddresses,
      epicNodes,
      existing: lb.status?.['gue-tunnel-endpoints'],
    };
    const firstPairsListed =
      applyPairTunnelIds(lb.status, [], epicNodes, defaultEpicPort) === undefined;
    if (missingPairs(want).length === 0 && firstPairsListed) return;
    await this.ctx.locks.withLock(claimKey('tunnel', lb), () =>
      this.allocate(ref, nodeAddresses, epicNodes),
    );
  }

  private async allocate(
    ref: ObjectRef,
    nodeAddresses: readonly string[],
    epicNodes: string[],
  ): Promise<void> {
    const lb = await orAbsent(this.ctx.lbs.get(ref));
    if (!lb || !isLive(lb)) return;
    const want: PairWant = {
      lb: ref,
      nodeAddresses,
      epicNodes,
      existing: lb.status?.['gue-tunnel-endpoints'],
    };
    let plan: PairTunnelPlan = { kind: 'nothing-to-do' };
    await claimCounter(this.ctx, {
      parent: 'epic',
      what: `EPIC epic/epic status.current-tunnel-id (pair tunnels of LoadBalancer ${ref.namespace}/${ref.name})`,
      read: () => readEpic(this.ctx),
      decide: (epic) => {
        plan = planPairTunnelIds(epic, [want]);
        return plan.kind === 'claim' ? { ...epic, status: plan.epicStatus } : undefined;
      },
      write: (epic) => this.ctx.epics.replaceStatus(epic),
    });
    // TypeScript cannot see the assignment inside `decide`.
    const decided = plan as PairTunnelPlan;
    if (decided.kind === 'exhausted') throw new Error(decided.message);
    const pairs = decided.kind === 'claim' ? (decided.assignments[0]?.pairs ?? []) : [];
    await replaceWithRetry({
      what: `LoadBalancer ${ref.namespace}/${ref.name} status.gue-tunnel-endpoints[*].epic-endpoints`,
      read: () => this.ctx.lbs.get(ref),
      mutate: (current) => {
        const status = applyPairTunnelIds(current.status, pairs, epicNodes, defaultEpicPort);
        return status && { ...current, status };
      },
      write: (current) => this.ctx.lbs.replaceStatus(current),
    });
    if (pairs.length > 0) {
      this.ctx.metrics.allocated.inc({ kind: 'tunnel' }, pairs.length);
      this.ctx.emit(lb, {
        type: 'Normal',
        reason: 'TunnelIdsAllocated',
        message: `Tunnel IDs allocated for (client node, EPIC node) pairs: ${pairs.map((p) => `${p.client}->${p.epic}=${p.tunnelId}`).join(', ')}.`,
      });
    }
  }
}
