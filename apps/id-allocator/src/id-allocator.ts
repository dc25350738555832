import type { ObjectRef } from '@epic/kube';
import { createAllocatorContext, type AllocatorDeps } from './allocator-context.js';
import { GroupIds } from './group-ids.js';
import { ServiceIds } from './service-ids.js';
import { TunnelIds } from './tunnel-ids.js';

/**
 * The seed's allocation: read the parent, claim from its counter with an Update carrying the
 * read resourceVersion (re-read and retry on 409, never Patch), then record the claimed IDs on
 * the object, again by Update. A crash between the two leaks IDs, never duplicates them; an
 * object that already holds its IDs is left alone, so events may repeat. Claims waiting on the
 * same parent at the same moment go out as one (see group-commit.ts).
 */
export class IdAllocator {
  private readonly groups: GroupIds;
  private readonly services: ServiceIds;
  private readonly tunnels: TunnelIds;

  constructor(deps: AllocatorDeps) {
    const ctx = createAllocatorContext(deps);
    this.groups = new GroupIds(ctx);
    this.services = new ServiceIds(ctx);
    this.tunnels = new TunnelIds(ctx);
  }

  /** Account.spec.group-id from EPIC status.current-group-id. */
  ensureGroupId(ref: ObjectRef): Promise<number | undefined> {
    return this.groups.ensure(ref);
  }

  /** LoadBalancer.spec.service-id, then the tunnel IDs of its client nodes. */
  async ensureLoadBalancerIds(ref: ObjectRef): Promise<void> {
    const lb = await this.services.ensure(ref);
    if (lb) await this.tunnels.ensure(ref, lb);
  }

  /** status.gue-tunnel-endpoints[node].tunnel-id for every client node of the LB. */
  ensureTunnelIds(ref: ObjectRef): Promise<void> {
    return this.tunnels.ensure(ref);
  }

  /** An Envoy pod of the LB was scheduled or went away: tunnels, including (client, EPIC node) pairs. */
  ensurePairTunnelIds(ref: ObjectRef): Promise<void> {
    return this.tunnels.ensure(ref, undefined, true);
  }
}
