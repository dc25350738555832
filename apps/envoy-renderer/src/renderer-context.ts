// What every step of a reconcile shares: typed clients, the pod settings, where EPIC's default
// image comes from, metrics, where Kubernetes Events go, and the clock.
import type { KubeConfig } from '@kubernetes/client-node';
import type { EnvoyPodSettings, ProxyKind } from '@epic/envoy-deployment';
import type { EpicObjects, InvolvedObject, KubeEvent } from '@epic/kube';
import type { lbServiceGroupKind } from '@epic/model';
import { EnvoyObjects } from './envoy-objects.js';
import { groupStore, proxyStores, type ProxyStore } from './proxies.js';
import type { RendererMetrics } from './renderer-metrics.js';

export interface RendererContext {
  proxies: Record<ProxyKind, ProxyStore>;
  groups: EpicObjects<typeof lbServiceGroupKind>;
  envoy: EnvoyObjects;
  settings: EnvoyPodSettings;
  /** EPIC `spec.envoy-image`, read when needed (injected: tests never touch the singleton). */
  defaultImage: () => Promise<string | undefined>;
  metrics: RendererMetrics;
  /** Records a Kubernetes Event; best effort, never throws. */
  emit: (object: InvolvedObject, event: KubeEvent) => void;
  now: () => Date;
  /** Whether a namespace's proxies are this replica's to serve (all, in production). */
  inScope: (namespace: string) => boolean;
}

export interface RendererDeps {
  kc: KubeConfig;
  settings: EnvoyPodSettings;
  defaultImage: () => Promise<string | undefined>;
  metrics: RendererMetrics;
  emit: RendererContext['emit'];
  inScope?: (namespace: string) => boolean;
  now?: () => Date;
}

export function createRendererContext(deps: RendererDeps): RendererContext {
  return {
    proxies: proxyStores(deps.kc),
    groups: groupStore(deps.kc),
    envoy: new EnvoyObjects(deps.kc),
    settings: deps.settings,
    defaultImage: deps.defaultImage,
    metrics: deps.metrics,
    emit: deps.emit,
    now: deps.now ?? (() => new Date()),
    inScope: deps.inScope ?? (() => true),
  };
}
