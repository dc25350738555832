// Envoy pod events (topic family `proxy-pods`). An Envoy pod is a pod labelled with the
// LoadBalancer (`epic.acnodal.io/owning-loadbalancer`) or GWProxy (`epic.acnodal.io/owning-proxy`)
// it serves. The tunnel-programmer needs its node and IP; the renderer, its readiness.
import { z } from 'zod';
import { eventFamily, eventSchema, type EventDocs } from './envelope.js';

/** The LoadBalancer or GWProxy (same namespace) an Envoy pod serves, from the pod's labels. */
export const ProxyOwner = z.object({
  kind: z.enum(['LoadBalancer', 'GWProxy']),
  name: z.string().min(1),
});
export type ProxyOwner = z.infer<typeof ProxyOwner>;

/** What consumers need of an Envoy pod; never the whole Pod. */
export const ProxyPod = z.object({
  namespace: z.string().min(1),
  name: z.string().min(1),
  owner: ProxyOwner,
  /** From `epic.acnodal.io/owning-lbservicegroup`, when the pod carries it. */
  serviceGroup: z.string().min(1).optional(),
  nodeName: z.string().min(1).optional(),
  podIP: z.string().min(1).optional(),
  /** Every pod IP (dual stack); podIP is the first. */
  podIPs: z.array(z.string().min(1)),
  ready: z.boolean(),
});
export type ProxyPod = z.infer<typeof ProxyPod>;

/** A pod that has a node. */
export const ScheduledProxyPod = ProxyPod.extend({ nodeName: z.string().min(1) });
export type ScheduledProxyPod = z.infer<typeof ScheduledProxyPod>;

/** A pod that has a node, an IP and a True Ready condition. */
export const ReadyProxyPod = ScheduledProxyPod.extend({
  podIP: z.string().min(1),
  ready: z.literal(true),
});
export type ReadyProxyPod = z.infer<typeof ReadyProxyPod>;

export const ProxyPodScheduled = eventSchema(
  'ProxyPodScheduled',
  1,
  z.object({ pod: ScheduledProxyPod }),
);
export type ProxyPodScheduled = z.infer<typeof ProxyPodScheduled>;

export const ProxyPodReady = eventSchema('ProxyPodReady', 1, z.object({ pod: ReadyProxyPod }));
export type ProxyPodReady = z.infer<typeof ProxyPodReady>;

export const ProxyPodGone = eventSchema('ProxyPodGone', 1, z.object({ pod: ProxyPod }));
export type ProxyPodGone = z.infer<typeof ProxyPodGone>;

export const ProxyPodObserved = eventSchema('ProxyPodObserved', 1, z.object({ pod: ProxyPod }));
export type ProxyPodObserved = z.infer<typeof ProxyPodObserved>;

export const ProxyPodEvent = eventFamily([
  ProxyPodScheduled,
  ProxyPodReady,
  ProxyPodGone,
  ProxyPodObserved,
]);
export type ProxyPodEvent = z.infer<typeof ProxyPodEvent>;

export const proxyPodEventDocs: EventDocs<ProxyPodEvent> = {
  ProxyPodScheduled: {
    versions: [1],
    when: 'An Envoy pod got a node (spec.nodeName set).',
    payload: '`pod`: name, owner (LoadBalancer or GWProxy), service group, node, IPs, ready',
  },
  ProxyPodReady: {
    versions: [1],
    when: "An Envoy pod's Ready condition became True.",
    payload: '`pod`: as Scheduled, with podIP and ready: true',
  },
  ProxyPodGone: {
    versions: [1],
    when: 'An Envoy pod was deleted from the API.',
    payload: '`pod`: as last seen',
  },
  ProxyPodObserved: {
    versions: [1],
    when: 'Resync: the Envoy pod exists as shown; converge on it.',
    payload: '`pod`: as Scheduled, node and IP when known',
  },
};
