// Envoy pods: Scheduled when spec.nodeName appears, Ready when the Ready condition turns True,
// Gone on delete, Observed on resync. A pod without an owning LoadBalancer/GWProxy label is not an
// Envoy pod of ours: no event. Only the fields read here are parsed, so client-node's typed pods
// (Date timestamps) pass as well as wire JSON.
import { owningLBServiceGroupLabel, owningLoadBalancerLabel, owningProxyLabel } from '@epic/model';
import { z } from 'zod';
import {
  CoreMetadata,
  kindDeriver,
  parseWatched,
  type Change,
  type Emission,
  type Watched,
} from './change.js';
import { ProxyPod, ReadyProxyPod, ScheduledProxyPod, type ProxyOwner } from './proxy-pod-events.js';

export const KubePod = z.looseObject({
  metadata: CoreMetadata,
  spec: z.looseObject({ nodeName: z.string().optional() }).optional(),
  status: z
    .looseObject({
      podIP: z.string().optional(),
      podIPs: z.array(z.looseObject({ ip: z.string() })).optional(),
      conditions: z.array(z.looseObject({ type: z.string(), status: z.string() })).optional(),
    })
    .optional(),
});
export type KubePod = z.infer<typeof KubePod>;

/** The LoadBalancer or GWProxy a pod's labels name; a LoadBalancer label wins. */
function ownerOf(labels: Record<string, string>): ProxyOwner | undefined {
  const loadBalancer = labels[owningLoadBalancerLabel];
  if (loadBalancer) return { kind: 'LoadBalancer', name: loadBalancer };
  const proxy = labels[owningProxyLabel];
  return proxy ? { kind: 'GWProxy', name: proxy } : undefined;
}

function podIPsOf(status: KubePod['status']): string[] {
  const listed = (status?.podIPs ?? []).map((entry) => entry.ip).filter((ip) => ip !== '');
  const primary = status?.podIP;
  return listed.length === 0 && primary ? [primary] : listed;
}

function isReady(status: KubePod['status']): boolean {
  const conditions = status?.conditions ?? [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** What consumers get of an Envoy pod, or undefined for a pod that is not one of ours. */
export function proxyPodOf(watched: Watched<KubePod>): ProxyPod | undefined {
  const { object: pod, source } = watched;
  const labels = pod.metadata.labels ?? {};
  const owner = ownerOf(labels);
  if (owner === undefined) return undefined;
  const podIPs = podIPsOf(pod.status);
  return ProxyPod.parse({
    namespace: source.namespace,
    name: source.name,
    owner,
    serviceGroup: labels[owningLBServiceGroupLabel] || undefined,
    nodeName: pod.spec?.nodeName || undefined,
    podIP: podIPs[0],
    podIPs,
    ready: isReady(pod.status),
  });
}

const isScheduled = (pod: ProxyPod | undefined) => ScheduledProxyPod.safeParse(pod).success;
const isReadyPod = (pod: ProxyPod | undefined) => ReadyProxyPod.safeParse(pod).success;

function emit(type: Emission['type'], watched: Watched<KubePod>, pod: ProxyPod): Emission {
  return { type, source: watched.source, data: { pod } };
}

/** Scheduled and Ready events for a pod that was `before` and is now `after`. */
function progress(
  watched: Watched<KubePod>,
  before: ProxyPod | undefined,
  after: ProxyPod,
): Emission[] {
  const emissions: Emission[] = [];
  if (!isScheduled(before) && isScheduled(after)) {
    emissions.push(emit('ProxyPodScheduled', watched, after));
  }
  if (!isReadyPod(before) && isReadyPod(after))
    emissions.push(emit('ProxyPodReady', watched, after));
  return emissions;
}

function decide(change: Change<Watched<KubePod>>): Emission[] {
  const watched = change.op === 'delete' ? change.old : change.next;
  const pod = proxyPodOf(watched);
  if (pod === undefined) return [];
  switch (change.op) {
    case 'add':
      return progress(watched, undefined, pod);
    case 'update':
      return progress(watched, proxyPodOf(change.old), pod);
    case 'delete':
      return [emit('ProxyPodGone', watched, pod)];
    case 'observe':
      return [emit('ProxyPodObserved', watched, pod)];
  }
}

const podSchema = { kind: 'Pod', schema: KubePod, namespaced: true } as const;

export const proxyPodDeriver = kindDeriver(
  (raw, role) => parseWatched(podSchema, raw, role),
  decide,
);
