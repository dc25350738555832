import type { KubeConfig } from '@kubernetes/client-node';
import {
  applyTunnelIds,
  nodeAddressesOf,
  planGroupId,
  planServiceIds,
  planTunnelIds,
  recordGroupId,
  recordServiceId,
} from '@epic/allocation';
import { EpicObjects, isApiError, replaceWithRetry, type ObjectRef } from '@epic/kube';
import {
  accountKind,
  coreNamespace,
  epicKind,
  epicSingletonName,
  loadBalancerKind,
  owningLoadBalancerLabel,
  remoteEndpointKind,
  type EPIC,
} from '@epic/model';
import { PermanentError } from '@epic/worker-runtime';

const epicRef = { namespace: coreNamespace, name: epicSingletonName };
const defaultEpicPort = { port: 6080, protocol: 'UDP' as const, appProtocol: 'gue' };

/**
 * The seed's allocation, one object at a time: read the parent, claim from its counter with an
 * Update carrying the read resourceVersion (re-read and retry on 409, never Patch), then record
 * the claimed IDs on the object, again by Update. A crash between the two leaks IDs, never
 * duplicates them; an object that already holds its IDs is left alone, so events may repeat.
 */
export class IdAllocator {
  private readonly epics: EpicObjects<typeof epicKind>;
  private readonly accounts: EpicObjects<typeof accountKind>;
  private readonly lbs: EpicObjects<typeof loadBalancerKind>;
  private readonly endpoints: EpicObjects<typeof remoteEndpointKind>;

  constructor(kc: KubeConfig) {
    this.epics = new EpicObjects(kc, epicKind);
    this.accounts = new EpicObjects(kc, accountKind);
    this.lbs = new EpicObjects(kc, loadBalancerKind);
    this.endpoints = new EpicObjects(kc, remoteEndpointKind);
  }

  /** Account.spec.group-id from EPIC status.current-group-id. */
  async ensureGroupId(ref: ObjectRef): Promise<number | undefined> {
    const account = await orAbsent(this.accounts.get(ref));
    if (!account) return undefined;
    let claimed: number | undefined;
    await this.claimFromEpic(`group ID for Account ${ref.namespace}/${ref.name}`, (epic) => {
      const plan = planGroupId(epic, account);
      if (plan.kind === 'exhausted') throw new PermanentError(plan.message);
      if (plan.kind === 'has-id') return undefined;
      claimed = plan.groupId;
      return plan.epicStatus;
    });
    if (claimed === undefined) return undefined;
    const groupId = claimed;
    await replaceWithRetry({
      what: `Account ${ref.namespace}/${ref.name} spec.group-id`,
      read: () => this.accounts.get(ref),
      mutate: (a) => recordGroupId(a, groupId),
      write: (a) => this.accounts.replace(a),
    });
    return groupId;
  }

  /** LoadBalancer.spec.service-id from its Account's status.current-service-id. */
  async ensureServiceId(ref: ObjectRef): Promise<void> {
    const lb = await orAbsent(this.lbs.get(ref));
    if (!lb) return;
    const accountRef = await this.accountOf(ref.namespace);
    let assigned: number | undefined;
    await replaceWithRetry({
      what: `Account ${accountRef.namespace}/${accountRef.name} status.current-service-id`,
      read: () => this.accounts.get(accountRef),
      mutate: (account) => {
        const plan = planServiceIds(account, [lb]);
        if (plan.kind === 'exhausted') throw new PermanentError(plan.message);
        if (plan.kind === 'nothing-to-do') return undefined;
        assigned = plan.assignments[0]?.serviceId;
        return { ...account, status: plan.accountStatus };
      },
      write: (a) => this.accounts.replaceStatus(a),
    });
    if (assigned === undefined) return;
    const serviceId = assigned;
    await replaceWithRetry({
      what: `LoadBalancer ${ref.namespace}/${ref.name} spec.service-id`,
      read: () => this.lbs.get(ref),
      mutate: (current) => recordServiceId(current, serviceId),
      write: (current) => this.lbs.replace(current),
    });
  }

  /** status.gue-tunnel-endpoints[node].tunnel-id for every client node of the LB's RemoteEndpoints, in one claim. */
  async ensureTunnelIds(ref: ObjectRef): Promise<void> {
    const lb = await orAbsent(this.lbs.get(ref));
    if (!lb) return;
    const endpoints = (await this.endpoints.list(ref.namespace)).filter(
      (ep) => ep.metadata.labels?.[owningLoadBalancerLabel] === ref.name,
    );
    const want = {
      lb: ref,
      nodeAddresses: nodeAddressesOf(endpoints),
      existing: lb.status?.['gue-tunnel-endpoints'],
    };
    let tunnelIds: Record<string, number> | undefined;
    let epicEndpoint = { 'epic-port': defaultEpicPort } as Parameters<typeof applyTunnelIds>[2];
    await this.claimFromEpic(`tunnel IDs for LoadBalancer ${ref.namespace}/${ref.name}`, (epic) => {
      const plan = planTunnelIds(epic, [want]);
      if (plan.kind === 'exhausted') throw new PermanentError(plan.message);
      if (plan.kind === 'nothing-to-do') return undefined;
      tunnelIds = plan.assignments[0]?.tunnelIds;
      epicEndpoint = gueEndpointOf(epic);
      return plan.epicStatus;
    });
    if (!tunnelIds) return;
    const ids = tunnelIds;
    await replaceWithRetry({
      what: `LoadBalancer ${ref.namespace}/${ref.name} status.gue-tunnel-endpoints`,
      read: () => this.lbs.get(ref),
      mutate: (current) => {
        const status = applyTunnelIds(current.status, ids, epicEndpoint);
        return status && { ...current, status };
      },
      write: (current) => this.lbs.replaceStatus(current),
    });
  }

  /** One optimistic Update of the EPIC singleton's status; `decide` returns the new status or undefined. */
  private async claimFromEpic(
    what: string,
    decide: (epic: EPIC) => EPIC['status'] | undefined,
  ): Promise<void> {
    await replaceWithRetry({
      what: `EPIC epic/epic status (${what})`,
      read: async () => {
        const epic = await orAbsent(this.epics.get(epicRef));
        if (!epic)
          throw new Error(
            'the EPIC singleton epic/epic does not exist yet: IDs cannot be allocated',
          );
        return epic;
      },
      mutate: (epic) => {
        const status = decide(epic);
        return status && { ...epic, status };
      },
      write: (epic) => this.epics.replaceStatus(epic),
      attempts: 20,
    });
  }

  /** The one Account of an account namespace. */
  private async accountOf(namespace: string): Promise<ObjectRef> {
    const [account, ...others] = await this.accounts.list(namespace);
    if (!account || others.length > 0) {
      throw new Error(
        `namespace ${namespace} must hold exactly one Account (found ${others.length + (account ? 1 : 0)})`,
      );
    }
    return { namespace, name: account.metadata.name ?? '' };
  }
}

function gueEndpointOf(epic: EPIC): Parameters<typeof applyTunnelIds>[2] {
  const endpoint = epic.spec.base?.['gue-endpoint'];
  return {
    'epic-address': endpoint?.['epic-address'],
    'epic-port': { ...defaultEpicPort, ...endpoint?.['epic-port'] },
  };
}

/** The object, or undefined when it is gone (a deleted object needs no ID). */
async function orAbsent<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (err) {
    if (isApiError(err, 404)) return undefined;
    throw err;
  }
}
