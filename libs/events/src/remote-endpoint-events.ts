// RemoteEndpoint events (topic family `remote-endpoints`): client-cluster endpoints of a
// LoadBalancer (label `epic.acnodal.io/owning-loadbalancer`); a new client node address needs a
// tunnel.
import { RemoteEndpoint } from '@epic/model';
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

export const RemoteEndpointAdded = eventSchema(
  'RemoteEndpointAdded',
  1,
  snapshotData(RemoteEndpoint),
);
export type RemoteEndpointAdded = z.infer<typeof RemoteEndpointAdded>;

export const RemoteEndpointChanged = eventSchema(
  'RemoteEndpointChanged',
  1,
  changedData(RemoteEndpoint),
);
export type RemoteEndpointChanged = z.infer<typeof RemoteEndpointChanged>;

export const RemoteEndpointRemoved = eventSchema(
  'RemoteEndpointRemoved',
  1,
  snapshotData(RemoteEndpoint),
);
export type RemoteEndpointRemoved = z.infer<typeof RemoteEndpointRemoved>;

export const RemoteEndpointObserved = eventSchema(
  'RemoteEndpointObserved',
  1,
  snapshotData(RemoteEndpoint),
);
export type RemoteEndpointObserved = z.infer<typeof RemoteEndpointObserved>;

export const RemoteEndpointEvent = eventFamily([
  RemoteEndpointAdded,
  RemoteEndpointChanged,
  RemoteEndpointRemoved,
  RemoteEndpointObserved,
]);
export type RemoteEndpointEvent = z.infer<typeof RemoteEndpointEvent>;

const kind = 'RemoteEndpoint';

export const remoteEndpointEventDocs: EventDocs<RemoteEndpointEvent> = {
  RemoteEndpointAdded: {
    versions: [1],
    when: 'A RemoteEndpoint was added: its client node may need a tunnel.',
    payload: payloadDoc(snapshotPayload, kind),
  },
  RemoteEndpointChanged: {
    versions: [1],
    when: 'Spec, status, labels, annotations, finalizers, owners or deletion changed.',
    payload: payloadDoc(changedPayload, kind),
  },
  RemoteEndpointRemoved: {
    versions: [1],
    when: 'The RemoteEndpoint was deleted from the API.',
    payload: payloadDoc(lastKnownPayload, kind),
  },
  RemoteEndpointObserved: {
    versions: [1],
    when: 'Resync: the RemoteEndpoint exists as shown; converge on it.',
    payload: payloadDoc(snapshotPayload, kind),
  },
};
