// Account events (topic family `accounts`). The id-allocator gives a new Account its group ID.
import { Account } from '@epic/model';
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

export const AccountCreated = eventSchema('AccountCreated', 1, snapshotData(Account));
export type AccountCreated = z.infer<typeof AccountCreated>;

export const AccountChanged = eventSchema('AccountChanged', 1, changedData(Account));
export type AccountChanged = z.infer<typeof AccountChanged>;

export const AccountDeleted = eventSchema('AccountDeleted', 1, snapshotData(Account));
export type AccountDeleted = z.infer<typeof AccountDeleted>;

export const AccountObserved = eventSchema('AccountObserved', 1, snapshotData(Account));
export type AccountObserved = z.infer<typeof AccountObserved>;

export const AccountEvent = eventFamily([
  AccountCreated,
  AccountChanged,
  AccountDeleted,
  AccountObserved,
]);
export type AccountEvent = z.infer<typeof AccountEvent>;

const kind = 'Account';

export const accountEventDocs: EventDocs<AccountEvent> = {
  AccountCreated: {
    versions: [1],
    when: 'An Account was added: it needs a group ID.',
    payload: payloadDoc(snapshotPayload, kind),
  },
  AccountChanged: {
    versions: [1],
    when: 'Spec, status, labels, annotations, finalizers, owners or deletion changed.',
    payload: payloadDoc(changedPayload, kind),
  },
  AccountDeleted: {
    versions: [1],
    when: 'The Account was deleted from the API.',
    payload: payloadDoc(lastKnownPayload, kind),
  },
  AccountObserved: {
    versions: [1],
    when: 'Resync: the Account exists as shown; converge on it.',
    payload: payloadDoc(snapshotPayload, kind),
  },
};
