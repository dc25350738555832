// LoadBalancer events (topic family `loadbalancers`). A LoadBalancer carries finalizers, so its
// deletion is two events: Deleting when deletionTimestamp appears (workers release what they hold
// and drop their finalizers), Gone when the object has left the API.
import { LoadBalancer } from '@epic/model';
import type { z } from 'zod';
import { eventFamily, eventSchema, type EventDocs } from './envelope.js';
import {
  changedData,
  changedPayload,
  lastKnownPayload,
  payloadDoc,
  snapshotData,
  snapshotPayload,
} from './payloads.js';

export const LoadBalancerRequested = eventSchema(
  'LoadBalancerRequested',
  1,
  snapshotData(LoadBalancer),
);
export type LoadBalancerRequested = z.infer<typeof LoadBalancerRequested>;

export const LoadBalancerChanged = eventSchema('LoadBalancerChanged', 1, changedData(LoadBalancer));
export type LoadBalancerChanged = z.infer<typeof LoadBalancerChanged>;

export const LoadBalancerDeleting = eventSchema(
  'LoadBalancerDeleting',
  1,
  snapshotData(LoadBalancer),
);
export type LoadBalancerDeleting = z.infer<typeof LoadBalancerDeleting>;

export const LoadBalancerGone = eventSchema('LoadBalancerGone', 1, snapshotData(LoadBalancer));
export type LoadBalancerGone = z.infer<typeof LoadBalancerGone>;

export const LoadBalancerObserved = eventSchema(
  'LoadBalancerObserved',
  1,
  snapshotData(LoadBalancer),
);
export type LoadBalancerObserved = z.infer<typeof LoadBalancerObserved>;

export const LoadBalancerEvent = eventFamily([
  LoadBalancerRequested,
  LoadBalancerChanged,
  LoadBalancerDeleting,
  LoadBalancerGone,
  LoadBalancerObserved,
]);
export type LoadBalancerEvent = z.infer<typeof LoadBalancerEvent>;

const kind = 'LoadBalancer';

export const loadBalancerEventDocs: EventDocs<LoadBalancerEvent> = {
  LoadBalancerRequested: {
    versions: [1],
    when: 'A LoadBalancer was added: it needs a service ID, a public address and tunnels.',
    payload: payloadDoc(snapshotPayload, kind),
  },
  LoadBalancerChanged: {
    versions: [1],
    when: 'Spec, status (e.g. `status.gue-tunnel-endpoints`), labels, annotations, finalizers or owners changed.',
    payload: payloadDoc(changedPayload, kind),
  },
  LoadBalancerDeleting: {
    versions: [1],
    when: 'deletionTimestamp was set while finalizers hold the object: release and drop finalizers.',
    payload: payloadDoc(snapshotPayload, kind),
  },
  LoadBalancerGone: {
    versions: [1],
    when: 'The LoadBalancer was deleted from the API.',
    payload: payloadDoc(lastKnownPayload, kind),
  },
  LoadBalancerObserved: {
    versions: [1],
    when: 'Resync: the LoadBalancer exists as shown; converge on it.',
    payload: payloadDoc(snapshotPayload, kind),
  },
};
