// ServicePrefix events (topic family `service-prefixes`): the address pools the address
// allocator hands public addresses out of.
import { ServicePrefix } from '@epic/model';
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

export const ServicePrefixCreated = eventSchema(
  'ServicePrefixCreated',
  1,
  snapshotData(ServicePrefix),
);
export type ServicePrefixCreated = z.infer<typeof ServicePrefixCreated>;

export const ServicePrefixChanged = eventSchema(
  'ServicePrefixChanged',
  1,
  changedData(ServicePrefix),
);
export type ServicePrefixChanged = z.infer<typeof ServicePrefixChanged>;

export const ServicePrefixDeleted = eventSchema(
  'ServicePrefixDeleted',
  1,
  snapshotData(ServicePrefix),
);
export type ServicePrefixDeleted = z.infer<typeof ServicePrefixDeleted>;

export const ServicePrefixObserved = eventSchema(
  'ServicePrefixObserved',
  1,
  snapshotData(ServicePrefix),
);
export type ServicePrefixObserved = z.infer<typeof ServicePrefixObserved>;

export const ServicePrefixEvent = eventFamily([
  ServicePrefixCreated,
  ServicePrefixChanged,
  ServicePrefixDeleted,
  ServicePrefixObserved,
]);
export type ServicePrefixEvent = z.infer<typeof ServicePrefixEvent>;

const kind = 'ServicePrefix';

export const servicePrefixEventDocs: EventDocs<ServicePrefixEvent> = {
  ServicePrefixCreated: {
    versions: [1],
    when: 'A ServicePrefix (address pool) was added.',
    payload: payloadDoc(snapshotPayload, kind),
  },
  ServicePrefixChanged: {
    versions: [1],
    when: 'The pool (spec), status, labels, annotations, finalizers, owners or deletion changed.',
    payload: payloadDoc(changedPayload, kind),
  },
  ServicePrefixDeleted: {
    versions: [1],
    when: 'The ServicePrefix was deleted from the API.',
    payload: payloadDoc(lastKnownPayload, kind),
  },
  ServicePrefixObserved: {
    versions: [1],
    when: 'Resync: the ServicePrefix exists as shown; converge on it.',
    payload: payloadDoc(snapshotPayload, kind),
  },
};
