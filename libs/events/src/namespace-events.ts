// Account namespace events (topic family `namespaces`): user namespaces `epic-<account>`, never
// the core namespace `epic` nor anything else.
import { z } from 'zod';
import { eventFamily, eventSchema, type EventDocs } from './envelope.js';

export const accountNamespacePrefix = 'epic-';

export const AccountNamespace = z.object({
  name: z.string().startsWith(accountNamespacePrefix),
  /** The account: the name without `epic-`. */
  account: z.string().min(1),
  labels: z.record(z.string(), z.string()),
});
export type AccountNamespace = z.infer<typeof AccountNamespace>;

const namespaceData = z.object({ namespace: AccountNamespace });

export const AccountNamespaceCreated = eventSchema('AccountNamespaceCreated', 1, namespaceData);
export type AccountNamespaceCreated = z.infer<typeof AccountNamespaceCreated>;

export const AccountNamespaceDeleted = eventSchema('AccountNamespaceDeleted', 1, namespaceData);
export type AccountNamespaceDeleted = z.infer<typeof AccountNamespaceDeleted>;

export const AccountNamespaceObserved = eventSchema('AccountNamespaceObserved', 1, namespaceData);
export type AccountNamespaceObserved = z.infer<typeof AccountNamespaceObserved>;

export const AccountNamespaceEvent = eventFamily([
  AccountNamespaceCreated,
  AccountNamespaceDeleted,
  AccountNamespaceObserved,
]);
export type AccountNamespaceEvent = z.infer<typeof AccountNamespaceEvent>;

const payload = '`namespace`: name, account, labels';

export const accountNamespaceEventDocs: EventDocs<AccountNamespaceEvent> = {
  AccountNamespaceCreated: {
    versions: [1],
    when: 'A namespace `epic-<account>` was added.',
    payload,
  },
  AccountNamespaceDeleted: {
    versions: [1],
    when: 'A namespace `epic-<account>` was deleted from the API.',
    payload,
  },
  AccountNamespaceObserved: {
    versions: [1],
    when: 'Resync: the namespace `epic-<account>` exists.',
    payload,
  },
};
