// GWProxy events (topic family `proxies`). Like a LoadBalancer, a GWProxy carries finalizers, so
// its deletion is Deleting (deletionTimestamp set) then Gone (left the API).
import { GWProxy } from '@epic/model';
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

export const ProxyRequested = eventSchema('ProxyRequested', 1, snapshotData(GWProxy));
export type ProxyRequested = z.infer<typeof ProxyRequested>;

export const ProxyChanged = eventSchema('ProxyChanged', 1, changedData(GWProxy));
export type ProxyChanged = z.infer<typeof ProxyChanged>;

export const ProxyDeleting = eventSchema('ProxyDeleting', 1, snapshotData(GWProxy));
export type ProxyDeleting = z.infer<typeof ProxyDeleting>;

export const ProxyGone = eventSchema('ProxyGone', 1, snapshotData(GWProxy));
export type ProxyGone = z.infer<typeof ProxyGone>;

export const ProxyObserved = eventSchema('ProxyObserved', 1, snapshotData(GWProxy));
export type ProxyObserved = z.infer<typeof ProxyObserved>;

export const ProxyEvent = eventFamily([
  ProxyRequested,
  ProxyChanged,
  ProxyDeleting,
  ProxyGone,
  ProxyObserved,
]);
export type ProxyEvent = z.infer<typeof ProxyEvent>;

const kind = 'GWProxy';

export const proxyEventDocs: EventDocs<ProxyEvent> = {
  ProxyRequested: {
    versions: [1],
    when: 'A GWProxy was added: it needs a public address and tunnels.',
    payload: payloadDoc(snapshotPayload, kind),
  },
  ProxyChanged: {
    versions: [1],
    when: 'Spec, status (e.g. `status.gue-tunnel-endpoints`), labels, annotations, finalizers or owners changed.',
    payload: payloadDoc(changedPayload, kind),
  },
  ProxyDeleting: {
    versions: [1],
    when: 'deletionTimestamp was set while finalizers hold the object: release and drop finalizers.',
    payload: payloadDoc(snapshotPayload, kind),
  },
  ProxyGone: {
    versions: [1],
    when: 'The GWProxy was deleted from the API.',
    payload: payloadDoc(lastKnownPayload, kind),
  },
  ProxyObserved: {
    versions: [1],
    when: 'Resync: the GWProxy exists as shown; converge on it.',
    payload: payloadDoc(snapshotPayload, kind),
  },
};
