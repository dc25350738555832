// LBServiceGroup events (topic family `service-groups`): the templates LoadBalancers and GWProxies
// are rendered from.
import { LBServiceGroup } from '@epic/model';
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

export const ServiceGroupCreated = eventSchema(
  'ServiceGroupCreated',
  1,
  snapshotData(LBServiceGroup),
);
export type ServiceGroupCreated = z.infer<typeof ServiceGroupCreated>;

export const ServiceGroupChanged = eventSchema(
  'ServiceGroupChanged',
  1,
  changedData(LBServiceGroup),
);
export type ServiceGroupChanged = z.infer<typeof ServiceGroupChanged>;

export const ServiceGroupDeleted = eventSchema(
  'ServiceGroupDeleted',
  1,
  snapshotData(LBServiceGroup),
);
export type ServiceGroupDeleted = z.infer<typeof ServiceGroupDeleted>;

export const ServiceGroupObserved = eventSchema(
  'ServiceGroupObserved',
  1,
  snapshotData(LBServiceGroup),
);
export type ServiceGroupObserved = z.infer<typeof ServiceGroupObserved>;

export const ServiceGroupEvent = eventFamily([
  ServiceGroupCreated,
  ServiceGroupChanged,
  ServiceGroupDeleted,
  ServiceGroupObserved,
]);
export type ServiceGroupEvent = z.infer<typeof ServiceGroupEvent>;

const kind = 'LBServiceGroup';

export const serviceGroupEventDocs: EventDocs<ServiceGroupEvent> = {
  ServiceGroupCreated: {
    versions: [1],
    when: 'An LBServiceGroup was added.',
    payload: payloadDoc(snapshotPayload, kind),
  },
  ServiceGroupChanged: {
    versions: [1],
    when: 'Spec (e.g. `spec.envoy-template`), status, labels, annotations, finalizers, owners or deletion changed.',
    payload: payloadDoc(changedPayload, kind),
  },
  ServiceGroupDeleted: {
    versions: [1],
    when: 'The LBServiceGroup was deleted from the API.',
    payload: payloadDoc(lastKnownPayload, kind),
  },
  ServiceGroupObserved: {
    versions: [1],
    when: 'Resync: the LBServiceGroup exists as shown; converge on it.',
    payload: payloadDoc(snapshotPayload, kind),
  },
};
