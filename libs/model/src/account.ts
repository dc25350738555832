// Account: one per user namespace `epic-<account>`, named after the account.
import { z } from 'zod';
import { Conditions, Int32, Uint16 } from './common.js';
import { ageColumn, kubeObject, type KindDescriptor } from './kind-descriptor.js';

export const defaultProxyLimit = 20;

export const AccountSpec = z.object({
  'group-id': Uint16.optional().meta({
    description: 'Group ID, allocated from EPIC status.current-group-id; never set by users.',
  }),
  proxyLimit: Int32.min(0)
    .default(defaultProxyLimit)
    .meta({ description: 'Maximum number of GWProxies in the account.' }),
});
export type AccountSpec = z.infer<typeof AccountSpec>;

export const AccountStatus = z.object({
  'current-service-id': Uint16.optional().meta({
    description: 'Last service ID handed out in this account (0 or absent: none yet).',
  }),
  conditions: Conditions.optional(),
});
export type AccountStatus = z.infer<typeof AccountStatus>;

export const Account = kubeObject('Account', AccountSpec, AccountStatus);
export type Account = z.infer<typeof Account>;
/** The object as written (defaulted fields optional). */
export type AccountInput = z.input<typeof Account>;

export const accountKind = {
  kind: 'Account',
  plural: 'accounts',
  singular: 'account',
  listKind: 'AccountList',
  shortNames: [],
  description: 'A tenant account; one per user namespace epic-<account>.',
  sourceFile: 'libs/model/src/account.ts',
  printerColumns: [
    { name: 'Group-ID', type: 'integer', jsonPath: '.spec.group-id' },
    { name: 'Proxy-Limit', type: 'integer', jsonPath: '.spec.proxyLimit' },
    { name: 'Service-ID', type: 'integer', jsonPath: '.status.current-service-id', priority: 1 },
    ageColumn,
  ],
  schema: { spec: AccountSpec, status: AccountStatus },
  object: Account,
} satisfies KindDescriptor;
