import { setTimeout as sleep } from 'node:timers/promises';
import {
  CoordinationV1Api,
  V1MicroTime,
  type KubeConfig,
  type V1Lease,
} from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { apiErrorCode } from './api-error.js';
import { decideLease, type LeaseDecision, type LeaseView } from './lease-decision.js';

export interface LeaseElectorOptions {
  namespace: string;
  name: string;
  /** This candidate's identity (pod name, or host+pid). */
  identity: string;
  durationSeconds: number;
  logger: Logger;
  onStartedLeading: () => void | Promise<void>;
  onStoppedLeading: () => void | Promise<void>;
}

/**
 * Leader election on a coordination.k8s.io Lease: create it, renew it every third of its
 * duration with Update (the read resourceVersion makes concurrent candidates safe), take it
 * over when its holder stopped renewing. A leader that cannot renew for a whole duration
 * steps down; `stop()` releases the Lease so a standby takes over at once.
 */
export class LeaseElector {
  private readonly api: CoordinationV1Api;
  private leading = false;
  private lastRenew = 0;
  private stopped = false;
  private loop: Promise<void> | undefined;

  constructor(
    kc: KubeConfig,
    private readonly opts: LeaseElectorOptions,
  ) {
    this.api = kc.makeApiClient(CoordinationV1Api);
  }

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
    if (this.leading) {
      await this.release().catch((err: unknown) =>
        this.opts.logger.warn({ err }, 'could not release the lease'),
      );
      await this.setLeading(false);
    }
  }

  private async run(): Promise<void> {
    const period = (this.opts.durationSeconds * 1000) / 3;
    while (!this.stopped) {
      await this.tick().catch((err: unknown) =>
        this.opts.logger.warn({ err }, 'lease election round failed'),
      );
      if (this.leading && Date.now() - this.lastRenew > this.opts.durationSeconds * 1000) {
        this.opts.logger.error(
          'could not renew the lease for a whole lease duration: stepping down',
        );
        await this.setLeading(false);
      }
      if (!this.stopped) await sleep(period);
    }
  }

  private async tick(): Promise<void> {
    const lease = await this.read();
    const decision = decideLease(lease && viewOf(lease), this.opts.identity, new Date());
    if (decision === 'follow') return this.setLeading(false);
    try {
      await this.write(decision, lease);
    } catch (err) {
      if (apiErrorCode(err) === 409) return this.setLeading(false); // another candidate was first
      throw err;
    }
    this.lastRenew = Date.now();
    return this.setLeading(true);
  }

  /** Create, renew or take over the Lease; Update carries the read resourceVersion. */
  private async write(
    decision: Exclude<LeaseDecision, 'follow'>,
    lease: V1Lease | undefined,
  ): Promise<void> {
    const { namespace, name, identity, durationSeconds } = this.opts;
    // MicroTime: the apiserver wants 6 fractional digits, a plain Date serializes 3.
    const now = new V1MicroTime();
    const spec = {
      ...micro(lease?.spec),
      holderIdentity: identity,
      leaseDurationSeconds: durationSeconds,
      renewTime: now,
    };
    if (decision === 'create' || !lease) {
      await this.api.createNamespacedLease({
        namespace,
        body: { metadata: { name, namespace }, spec: { ...spec, acquireTime: now } },
      });
      return;
    }
    const takeOver = decision === 'take-over';
    const leaseTransitions = (lease.spec?.leaseTransitions ?? 0) + (takeOver ? 1 : 0);
    const acquireTime = takeOver || !spec.acquireTime ? now : spec.acquireTime;
    await this.api.replaceNamespacedLease({
      namespace,
      name,
      body: { ...lease, spec: { ...spec, acquireTime, leaseTransitions } },
    });
  }

  private async read(): Promise<V1Lease | undefined> {
    try {
      return await this.api.readNamespacedLease({
        namespace: this.opts.namespace,
        name: this.opts.name,
      });
    } catch (err) {
      if (apiErrorCode(err) === 404) return undefined;
      throw err;
    }
  }

  private async release(): Promise<void> {
    const lease = await this.read();
    if (lease?.spec?.holderIdentity !== this.opts.identity) return;
    await this.api.replaceNamespacedLease({
      namespace: this.opts.namespace,
      name: this.opts.name,
      body: { ...lease, spec: { ...micro(lease.spec), holderIdentity: undefined } },
    });
  }

  private async setLeading(leading: boolean): Promise<void> {
    if (leading === this.leading) return;
    this.leading = leading;
    this.opts.logger.info(
      { lease: `${this.opts.namespace}/${this.opts.name}`, identity: this.opts.identity },
      leading ? 'became leader' : 'no longer leader',
    );
    await (leading ? this.opts.onStartedLeading() : this.opts.onStoppedLeading());
  }
}

/** A Lease spec as read, with its timestamps made MicroTimes again so it can be written back. */
function micro(spec: V1Lease['spec']): V1Lease['spec'] {
  const toMicro = (d: Date | undefined) => (d ? new V1MicroTime(d) : undefined);
  return (
    spec && { ...spec, acquireTime: toMicro(spec.acquireTime), renewTime: toMicro(spec.renewTime) }
  );
}

function viewOf(lease: V1Lease): LeaseView {
  const spec = lease.spec ?? {};
  return {
    holder: spec.holderIdentity,
    renewTime: spec.renewTime ? new Date(spec.renewTime) : undefined,
    durationSeconds: spec.leaseDurationSeconds ?? 15,
  };
}
