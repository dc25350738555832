// GWEndpointSlice events (topic family `endpoint-slices`): the client endpoints behind a route's
// backend; a new client node address needs a tunnel.
import { GWEndpointSlice } from '@epic/model';
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

export const EndpointSliceAdded = eventSchema(
  'EndpointSliceAdded',
  1,
  snapshotData(GWEndpointSlice),
);
export type EndpointSliceAdded = z.infer<typeof EndpointSliceAdded>;

export const EndpointSliceChanged = eventSchema(
  'EndpointSliceChanged',
  1,
  changedData(GWEndpointSlice),
);
export type EndpointSliceChanged = z.infer<typeof EndpointSliceChanged>;

export const EndpointSliceRemoved = eventSchema(
  'EndpointSliceRemoved',
  1,
  snapshotData(GWEndpointSlice),
);
export type EndpointSliceRemoved = z.infer<typeof EndpointSliceRemoved>;

export const EndpointSliceObserved = eventSchema(
  'EndpointSliceObserved',
  1,
  snapshotData(GWEndpointSlice),
);
export type EndpointSliceObserved = z.infer<typeof EndpointSliceObserved>;

export const EndpointSliceEvent = eventFamily([
  EndpointSliceAdded,
  EndpointSliceChanged,
  EndpointSliceRemoved,
  EndpointSliceObserved,
]);
export type EndpointSliceEvent = z.infer<typeof EndpointSliceEvent>;

const kind = 'GWEndpointSlice';

export const endpointSliceEventDocs: EventDocs<EndpointSliceEvent> = {
  EndpointSliceAdded: {
    versions: [1],
    when: 'A GWEndpointSlice was added: its client nodes may need tunnels.',
    payload: payloadDoc(snapshotPayload, kind),
  },
  EndpointSliceChanged: {
    versions: [1],
    when: 'Spec (e.g. `spec.endpoints`), status, labels, annotations, finalizers, owners or deletion changed.',
    payload: payloadDoc(changedPayload, kind),
  },
  EndpointSliceRemoved: {
    versions: [1],
    when: 'The GWEndpointSlice was deleted from the API.',
    payload: payloadDoc(lastKnownPayload, kind),
  },
  EndpointSliceObserved: {
    versions: [1],
    when: 'Resync: the GWEndpointSlice exists as shown; converge on it.',
    payload: payloadDoc(snapshotPayload, kind),
  },
};
