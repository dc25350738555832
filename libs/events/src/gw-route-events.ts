// GWRoute events (topic family `routes`): client HTTP/TCP routes attached to GWProxies.
import { GWRoute } from '@epic/model';
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

export const RouteAdded = eventSchema('RouteAdded', 1, snapshotData(GWRoute));
export type RouteAdded = z.infer<typeof RouteAdded>;

export const RouteChanged = eventSchema('RouteChanged', 1, changedData(GWRoute));
export type RouteChanged = z.infer<typeof RouteChanged>;

export const RouteRemoved = eventSchema('RouteRemoved', 1, snapshotData(GWRoute));
export type RouteRemoved = z.infer<typeof RouteRemoved>;

export const RouteObserved = eventSchema('RouteObserved', 1, snapshotData(GWRoute));
export type RouteObserved = z.infer<typeof RouteObserved>;

export const RouteEvent = eventFamily([RouteAdded, RouteChanged, RouteRemoved, RouteObserved]);
export type RouteEvent = z.infer<typeof RouteEvent>;

const kind = 'GWRoute';

export const routeEventDocs: EventDocs<RouteEvent> = {
  RouteAdded: {
    versions: [1],
    when: 'A GWRoute was added.',
    payload: payloadDoc(snapshotPayload, kind),
  },
  RouteChanged: {
    versions: [1],
    when: 'Spec, status, labels, annotations, finalizers, owners or deletion changed.',
    payload: payloadDoc(changedPayload, kind),
  },
  RouteRemoved: {
    versions: [1],
    when: 'The GWRoute was deleted from the API.',
    payload: payloadDoc(lastKnownPayload, kind),
  },
  RouteObserved: {
    versions: [1],
    when: 'Resync: the GWRoute exists as shown; converge on it.',
    payload: payloadDoc(snapshotPayload, kind),
  },
};
