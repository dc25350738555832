// Which image and how many replicas a proxy's Envoy runs, or why it cannot run at all. The
// proxy's own `envoy-replica-count` wins over its group's; the group's `envoy-image` over the
// EPIC singleton's. Group changes reach existing proxies (the original snapshotted them at
// create, so a group edit never reached them).
import type { LBServiceGroup } from '@epic/model';
import { describeProxy, type ProxySource } from './proxy-source.js';

/** Why a proxy gets no Envoy Deployment; each is a ProxyReady reason. */
export const refusalReasons = [
  'InvalidName',
  'ServiceGroupMissing',
  'EnvoyImageMissing',
  'PortReserved',
  'DeploymentConflict',
] as const;
export type RefusalReason = (typeof refusalReasons)[number];

export function isRefusalReason(reason: string): reason is RefusalReason {
  return (refusalReasons as readonly string[]).includes(reason);
}

export interface Refusal {
  ok: false;
  reason: RefusalReason;
  /** A stable sentence saying what to fix. */
  message: string;
}

export interface EnvoyChoice {
  ok: true;
  group: string;
  image: string;
  replicas: number;
}

export type GroupView = Pick<LBServiceGroup, 'metadata'> & {
  spec: Partial<Pick<LBServiceGroup['spec'], 'envoy-image' | 'envoy-replica-count'>>;
};

export function refusal(reason: RefusalReason, message: string): Refusal {
  return { ok: false, reason, message };
}

/**
 * The image and replica count of the proxy's Envoy. `group` is the proxy's LBServiceGroup as
 * read (undefined when it does not exist); `defaultImage` is EPIC `spec.envoy-image`.
 */
export function chooseEnvoy(
  proxy: ProxySource,
  group: GroupView | undefined,
  defaultImage: string | undefined,
): EnvoyChoice | Refusal {
  const who = describeProxy(proxy);
  if (!proxy.serviceGroup) {
    return refusal(
      'ServiceGroupMissing',
      `${who} names no LBServiceGroup (spec.service-group or label epic.acnodal.io/owning-lbservicegroup).`,
    );
  }
  if (!group) {
    return refusal(
      'ServiceGroupMissing',
      `LBServiceGroup ${proxy.serviceGroup} of ${who} does not exist in namespace ${proxy.namespace}.`,
    );
  }
  const image = group.spec['envoy-image'] || defaultImage;
  if (!image) {
    return refusal(
      'EnvoyImageMissing',
      `No Envoy image to run: set spec.envoy-image on LBServiceGroup ${proxy.serviceGroup} or on the EPIC singleton epic/epic.`,
    );
  }
  const replicas = proxy.replicas ?? group.spec['envoy-replica-count'] ?? 1;
  return { ok: true, group: proxy.serviceGroup, image, replicas };
}
