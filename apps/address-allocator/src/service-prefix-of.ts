// Which ServicePrefix an owner's address comes from: its service group (spec.service-group, in
// the owner's namespace, else a system-scoped one in `epic`) names it with the label
// epic.acnodal.io/owning-serviceprefix. The group also decides sharing: in a can-be-shared group
// objects of one name in one namespace share one address (the key never spans namespaces, so
// accounts stay apart).
import type { KubeConfig } from '@kubernetes/client-node';
import { EpicObjects, isApiError, type ObjectRef } from '@epic/kube';
import {
  coreNamespace,
  lbServiceGroupKind,
  owningLBServiceGroupLabel,
  owningServicePrefixLabel,
  type LBServiceGroup,
} from '@epic/model';
import { refOf, serviceGroupOf, type Owner } from './owners.js';

export type PrefixTarget =
  | { ok: true; servicePrefix: string; sharingKey?: string }
  | { ok: false; reason: 'ServicePrefixNotFound'; message: string };

export type GroupReader = (ref: ObjectRef) => Promise<LBServiceGroup | undefined>;

export function groupReader(kc: KubeConfig): GroupReader {
  const groups = new EpicObjects(kc, lbServiceGroupKind);
  return async (ref) => {
    try {
      return await groups.get(ref);
    } catch (err) {
      if (isApiError(err, 404)) return undefined;
      throw err;
    }
  };
}

/**
 * Service groups found in the last `ttlMs`, so a burst of LoadBalancers of one group reads it
 * once. Only hits are kept: a group created a moment ago is seen at once. A group relabelled to
 * another ServicePrefix is seen within the TTL (moving LBs between prefixes is not supported).
 */
export function cachedGroupReader(
  read: GroupReader,
  ttlMs: number,
  now: () => number,
): GroupReader {
  const cache = new Map<string, { group: LBServiceGroup; at: number }>();
  return async (ref) => {
    const key = `${ref.namespace}/${ref.name}`;
    const hit = cache.get(key);
    if (hit && now() - hit.at < ttlMs) return hit.group;
    const group = await read(ref);
    if (group) cache.set(key, { group, at: now() });
    else cache.delete(key);
    return group;
  };
}

export async function servicePrefixOf(owner: Owner, readGroup: GroupReader): Promise<PrefixTarget> {
  const { namespace, name } = refOf(owner);
  const group = serviceGroupOf(owner);
  if (group === undefined) {
    return notFound(
      `${owner.kind} ${namespace}/${name} names no service group: set spec.service-group` +
        (owner.kind === 'GWProxy' ? ` or the label ${owningLBServiceGroupLabel}` : ''),
    );
  }
  const found =
    (await readGroup({ namespace, name: group })) ??
    (await readGroup({ namespace: coreNamespace, name: group }));
  if (!found) {
    return notFound(
      `service group "${group}" exists neither in ${namespace} nor in ${coreNamespace}: create it or fix spec.service-group`,
    );
  }
  const servicePrefix = found.metadata.labels?.[owningServicePrefixLabel];
  if (!servicePrefix) {
    return notFound(
      `service group ${found.metadata.namespace}/${group} has no ${owningServicePrefixLabel} label naming its ServicePrefix`,
    );
  }
  return found.spec['can-be-shared']
    ? { ok: true, servicePrefix, sharingKey: `${namespace}/${name}` }
    : { ok: true, servicePrefix };
}

function notFound(message: string): PrefixTarget {
  return { ok: false, reason: 'ServicePrefixNotFound', message };
}
