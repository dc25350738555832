// EPIC singleton events (topic family `epic`). The singleton is created once at install, so its
// creation is an EpicConfigChanged listing every area it has; its deletion breaks the system and
// is reported for the audit trail only.
import { EPIC } from '@epic/model';
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

export const EpicConfigChanged = eventSchema('EpicConfigChanged', 1, changedData(EPIC));
export type EpicConfigChanged = z.infer<typeof EpicConfigChanged>;

export const EpicConfigDeleted = eventSchema('EpicConfigDeleted', 1, snapshotData(EPIC));
export type EpicConfigDeleted = z.infer<typeof EpicConfigDeleted>;

export const EpicConfigObserved = eventSchema('EpicConfigObserved', 1, snapshotData(EPIC));
export type EpicConfigObserved = z.infer<typeof EpicConfigObserved>;

export const EpicConfigEvent = eventFamily([
  EpicConfigChanged,
  EpicConfigDeleted,
  EpicConfigObserved,
]);
export type EpicConfigEvent = z.infer<typeof EpicConfigEvent>;

const kind = 'EPIC';

export const epicConfigEventDocs: EventDocs<EpicConfigEvent> = {
  EpicConfigChanged: {
    versions: [1],
    when: 'The EPIC singleton was added, or its spec (e.g. `spec.envoy-image`), status, labels, annotations, finalizers, owners or deletion changed.',
    payload: payloadDoc(changedPayload, kind),
  },
  EpicConfigDeleted: {
    versions: [1],
    when: 'The EPIC singleton was deleted from the API.',
    payload: payloadDoc(lastKnownPayload, kind),
  },
  EpicConfigObserved: {
    versions: [1],
    when: 'Resync: the EPIC singleton exists as shown; converge on it.',
    payload: payloadDoc(snapshotPayload, kind),
  },
};
