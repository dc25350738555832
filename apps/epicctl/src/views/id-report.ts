// `epicctl ids`: the counters (EPIC's tunnel and group counters, each Account's service
// counter), who holds which ID, and what breaks the allocation's promises: an ID held twice, or
// an ID above its counter (the next claim would hand it out again).
import {
  accountFromNamespace,
  type Account,
  type EPIC,
  type GueTunnelEndpoints,
  type GWProxy,
  type LoadBalancer,
} from '@epic/model';
import type { Block, Report } from '../format/report.js';
import { cell } from '../format/table.js';
import { tunnelsOf } from './tunnels.js';

export interface IdInputs {
  epic: EPIC | undefined;
  accounts: readonly Account[];
  loadBalancers: readonly LoadBalancer[];
  gwProxies: readonly GWProxy[];
}

export type IdKind = 'group' | 'service' | 'tunnel';

export interface IdHolder {
  kind: IdKind;
  id: number;
  /** `system` for group and tunnel IDs; the account for service IDs (unique per account). */
  scope: string;
  holder: string;
}

const kindOrder: Record<IdKind, number> = { group: 0, service: 1, tunnel: 2 };
export const systemScope = 'system';

const refOf = (kind: string, meta: { namespace?: string; name?: string }) =>
  `${kind} ${meta.namespace ?? ''}/${meta.name ?? ''}`;

function accountOf(namespace: string | undefined): string {
  return accountFromNamespace(namespace ?? '') ?? namespace ?? '';
}

function tunnelHolders(owner: string, endpoints: GueTunnelEndpoints | undefined): IdHolder[] {
  return tunnelsOf(endpoints).flatMap((t) =>
    t.tunnelId === undefined || t.tunnelId === 0
      ? []
      : [
          {
            kind: 'tunnel' as const,
            id: t.tunnelId,
            scope: systemScope,
            holder: `${owner} ${t.clientNode}->${t.epicAddress ?? '?'}`,
          },
        ],
  );
}

/** Every held ID (0 means "none" and is skipped), sorted by kind, scope, ID. */
export function idHolders(inputs: IdInputs): IdHolder[] {
  const holders: IdHolder[] = [];
  for (const account of inputs.accounts) {
    const id = account.spec['group-id'];
    if (id)
      holders.push({
        kind: 'group',
        id,
        scope: systemScope,
        holder: refOf('Account', account.metadata),
      });
  }
  for (const lb of inputs.loadBalancers) {
    const owner = refOf('LoadBalancer', lb.metadata);
    const id = lb.spec['service-id'];
    if (id)
      holders.push({ kind: 'service', id, scope: accountOf(lb.metadata.namespace), holder: owner });
    holders.push(...tunnelHolders(owner, lb.status?.['gue-tunnel-endpoints']));
  }
  for (const proxy of inputs.gwProxies) {
    holders.push(
      ...tunnelHolders(refOf('GWProxy', proxy.metadata), proxy.status?.['gue-tunnel-endpoints']),
    );
  }
  return holders.sort(
    (a, b) =>
      kindOrder[a.kind] - kindOrder[b.kind] ||
      a.scope.localeCompare(b.scope) ||
      a.id - b.id ||
      a.holder.localeCompare(b.holder),
  );
}

function duplicates(holders: readonly IdHolder[]): string[] {
  const byKey = new Map<string, IdHolder[]>();
  for (const h of holders) {
    const key = `${h.kind}|${h.scope}|${h.id}`;
    byKey.set(key, [...(byKey.get(key) ?? []), h]);
  }
  return [...byKey.values()]
    .filter((group) => group.length > 1)
    .map((group) => {
      const first = group[0]!;
      const where = first.kind === 'service' ? ` in account ${first.scope}` : '';
      return `${first.kind} ID ${first.id}${where} is held ${group.length} times: ${group.map((h) => h.holder).join(', ')}`;
    });
}

/** The counter an ID must not exceed, and how to name it; undefined when it is unknown. */
function counterFor(h: IdHolder, inputs: IdInputs): { value: number; name: string } | undefined {
  if (h.kind === 'service') {
    const account = inputs.accounts.find((a) => accountOf(a.metadata.namespace) === h.scope);
    if (!account) return undefined;
    return {
      value: account.status?.['current-service-id'] ?? 0,
      name: `Account ${h.scope} current-service-id`,
    };
  }
  if (!inputs.epic) return undefined;
  const field = h.kind === 'group' ? 'current-group-id' : 'current-tunnel-id';
  return { value: inputs.epic.status?.[field] ?? 0, name: `EPIC ${field}` };
}

function aheadOfCounters(holders: readonly IdHolder[], inputs: IdInputs): string[] {
  return holders.flatMap((h) => {
    const counter = counterFor(h, inputs);
    if (!counter || h.id <= counter.value) return [];
    return [
      `${h.kind} ID ${h.id} of ${h.holder} is above ${counter.name} (${counter.value}): the next claim would hand it out again`,
    ];
  });
}

/** What breaks the allocation's promises, as sentences; empty when all is well. */
export function idProblems(inputs: IdInputs, holders: readonly IdHolder[]): string[] {
  return [...duplicates(holders), ...aheadOfCounters(holders, inputs)];
}

function epicBlock(epic: EPIC | undefined): Block {
  if (!epic) {
    return {
      type: 'lines',
      lines: [
        'EPIC epic/epic: not found (no group or tunnel IDs can be allocated until it exists)',
      ],
    };
  }
  return {
    type: 'fields',
    title: 'EPIC epic/epic',
    fields: [
      ['current-group-id', String(epic.status?.['current-group-id'] ?? 0)],
      ['current-tunnel-id', String(epic.status?.['current-tunnel-id'] ?? 0)],
    ],
  };
}

/** The report, and the problems again so a caller can act on them (`ids --check`). */
export function idReport(inputs: IdInputs): Report & { problems: string[] } {
  const holders = idHolders(inputs);
  const problems = idProblems(inputs, holders);
  const heldByAccount = (account: string) =>
    holders.filter((h) => h.kind === 'service' && h.scope === account).length;
  const accounts = [...inputs.accounts]
    .map((a) => ({
      account: a.metadata.name ?? '',
      namespace: a.metadata.namespace ?? '',
      'group-id': a.spec['group-id'],
      'current-service-id': a.status?.['current-service-id'],
      'service-ids-held': heldByAccount(accountOf(a.metadata.namespace)),
    }))
    .sort((a, b) => a.account.localeCompare(b.account) || a.namespace.localeCompare(b.namespace));
  const epic = inputs.epic
    ? {
        'current-group-id': inputs.epic.status?.['current-group-id'] ?? 0,
        'current-tunnel-id': inputs.epic.status?.['current-tunnel-id'] ?? 0,
      }
    : null;
  return {
    problems,
    data: { epic, accounts, holders, problems },
    blocks: [
      epicBlock(inputs.epic),
      {
        type: 'table',
        title: 'Accounts',
        empty: 'none',
        table: {
          headers: ['ACCOUNT', 'NAMESPACE', 'GROUP-ID', 'CURRENT-SERVICE-ID', 'SERVICE-IDS-HELD'],
          rows: accounts.map((a) => [
            a.account,
            a.namespace,
            cell(a['group-id']),
            cell(a['current-service-id']),
            String(a['service-ids-held']),
          ]),
        },
      },
      {
        type: 'table',
        title: 'Held IDs',
        empty: 'none',
        table: {
          headers: ['KIND', 'ID', 'SCOPE', 'HOLDER'],
          rows: holders.map((h) => [h.kind, String(h.id), h.scope, h.holder]),
        },
      },
      {
        type: 'lines',
        lines:
          problems.length === 0
            ? ['No problems found.']
            : ['Problems:', ...problems.map((p) => `  ${p}`)],
      },
    ],
  };
}
