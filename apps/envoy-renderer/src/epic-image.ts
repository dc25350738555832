// EPIC `spec.envoy-image`: the Envoy image of every proxy whose service group names none.
import type { KubeConfig } from '@kubernetes/client-node';
import { EpicObjects, orAbsent } from '@epic/kube';
import { coreNamespace, epicKind, epicSingletonName } from '@epic/model';

/**
 * Reads the image from the singleton on every call: a reconcile is rare enough, and a cached
 * value could hide the change that an EpicConfigChanged event asks us to roll out. A missing
 * singleton means no default image (the ProxyReady condition then says what to set).
 */
export function epicDefaultImage(kc: KubeConfig): () => Promise<string | undefined> {
  const epics = new EpicObjects(kc, epicKind);
  return async () => {
    const epic = await orAbsent(epics.get({ namespace: coreNamespace, name: epicSingletonName }));
    return epic?.spec['envoy-image'] || undefined;
  };
}
