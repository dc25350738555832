// What `account list` and `account show` print. An account is its namespace plus its Account;
// the row says which half exists and whether the id-allocator has given it a group ID yet.
import {
  accountFromNamespace,
  owningServicePrefixLabel,
  type Account,
  type LBServiceGroup,
} from '@epic/model';
import type { NamespaceInfo } from '../cluster.js';
import { formatAge } from '../format/age.js';
import { asList, forOutput, type Report } from '../format/report.js';
import { cell } from '../format/table.js';
import { conditionsBlock } from './conditions.js';

export type AccountState = 'Ready' | 'WaitingForGroupID' | 'Terminating' | 'NoAccount';

export interface AccountRow {
  account: string;
  namespace: string;
  state: AccountState;
  object?: Account;
  created?: string;
}

/** The state rules, first match wins. */
export function accountState(
  account: Account | undefined,
  ns: NamespaceInfo | undefined,
): AccountState {
  if (ns?.deletionTimestamp !== undefined || account?.metadata.deletionTimestamp !== undefined) {
    return 'Terminating';
  }
  if (account === undefined) return 'NoAccount';
  const groupId = account.spec['group-id'];
  return groupId === undefined || groupId === 0 ? 'WaitingForGroupID' : 'Ready';
}

/**
 * One row per Account, plus one per user namespace that holds no Account (a create that was
 * interrupted, or a delete in progress), sorted by account name.
 */
export function accountRows(
  accounts: readonly Account[],
  userNamespaces: readonly NamespaceInfo[],
): AccountRow[] {
  const byNamespace = new Map(userNamespaces.map((ns) => [ns.name, ns]));
  const rows: AccountRow[] = accounts.map((account) => {
    const namespace = account.metadata.namespace ?? '';
    const ns = byNamespace.get(namespace);
    byNamespace.delete(namespace);
    return {
      account: account.metadata.name ?? '',
      namespace,
      state: accountState(account, ns),
      object: account,
      created: account.metadata.creationTimestamp,
    };
  });
  for (const ns of byNamespace.values()) {
    rows.push({
      account: accountFromNamespace(ns.name) ?? ns.name,
      namespace: ns.name,
      state: accountState(undefined, ns),
      created: ns.creationTimestamp,
    });
  }
  return rows.sort(
    (a, b) => a.account.localeCompare(b.account) || a.namespace.localeCompare(b.namespace),
  );
}

export function accountListReport(rows: readonly AccountRow[], now: Date): Report {
  return {
    data: asList(rows.flatMap((row) => (row.object ? [row.object] : []))),
    blocks: [
      {
        type: 'table',
        empty: 'No accounts found.',
        table: {
          headers: [
            'ACCOUNT',
            'NAMESPACE',
            'GROUP-ID',
            'SERVICE-ID',
            'PROXY-LIMIT',
            'STATE',
            'AGE',
          ],
          rows: rows.map((row) => [
            row.account,
            row.namespace,
            cell(row.object?.spec['group-id']),
            cell(row.object?.status?.['current-service-id']),
            cell(row.object?.spec.proxyLimit),
            row.state,
            formatAge(row.created, now),
          ]),
        },
      },
    ],
  };
}

export interface AccountDetails {
  account: Account;
  namespace: NamespaceInfo | undefined;
  groups: readonly LBServiceGroup[];
  loadBalancers: number;
  gwProxies: number;
}

export function accountDetailsReport(details: AccountDetails, now: Date): Report {
  const { account, namespace } = details;
  const name = account.metadata.name ?? '';
  return {
    data: forOutput(account),
    blocks: [
      {
        type: 'fields',
        fields: [
          ['Account', name],
          ['Namespace', `${account.metadata.namespace ?? ''} (${namespace?.phase ?? 'unknown'})`],
          ['State', accountState(account, namespace)],
          ['Group ID', cell(account.spec['group-id'])],
          ['Current service ID', cell(account.status?.['current-service-id'])],
          ['Proxy limit', String(account.spec.proxyLimit)],
          ['Load balancers', String(details.loadBalancers)],
          ['Gateway proxies', String(details.gwProxies)],
          ['Age', formatAge(account.metadata.creationTimestamp, now)],
        ],
      },
      {
        type: 'table',
        title: 'Service groups',
        empty: 'none',
        table: {
          headers: ['NAME', 'PREFIX', 'SHARED', 'REPLICAS'],
          rows: details.groups.map((g) => [
            g.metadata.name ?? '',
            cell(g.metadata.labels?.[owningServicePrefixLabel]),
            String(g.spec['can-be-shared']),
            String(g.spec['envoy-replica-count']),
          ]),
        },
      },
      conditionsBlock(account.status?.conditions),
    ],
  };
}
