// What `prefix list` and `prefix show` print. A prefix is used by the service groups whose
// owning-serviceprefix label names it, in any namespace.
import { owningServicePrefixLabel, type LBServiceGroup, type ServicePrefix } from '@epic/model';
import { formatAge } from '../format/age.js';
import { asList, forOutput, type Report } from '../format/report.js';
import { cell } from '../format/table.js';
import { conditionsBlock } from './conditions.js';
import { groupRef } from './group-views.js';

/** The groups that name `prefix` in their owning-serviceprefix label. */
export function groupsUsing(prefix: string, groups: readonly LBServiceGroup[]): LBServiceGroup[] {
  return groups.filter((g) => g.metadata.labels?.[owningServicePrefixLabel] === prefix);
}

export function prefixListReport(
  prefixes: readonly ServicePrefix[],
  groups: readonly LBServiceGroup[],
  now: Date,
): Report {
  const sorted = [...prefixes].sort((a, b) =>
    (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
  );
  return {
    data: asList(sorted),
    blocks: [
      {
        type: 'table',
        empty: 'No service prefixes found.',
        table: {
          headers: ['NAME', 'POOL', 'SUBNET', 'AGGREGATION', 'ALT-POOL', 'GROUPS', 'AGE'],
          rows: sorted.map((p) => {
            const name = p.metadata.name ?? '';
            return [
              name,
              p.spec['public-pool'].pool,
              p.spec['public-pool'].subnet,
              p.spec['public-pool'].aggregation,
              cell(p.spec['alt-pool']?.pool),
              String(groupsUsing(name, groups).length),
              formatAge(p.metadata.creationTimestamp, now),
            ];
          }),
        },
      },
    ],
  };
}

function poolFields(label: string, pool: ServicePrefix['spec']['public-pool']): [string, string][] {
  return [
    [`${label} pool`, pool.pool],
    [`${label} subnet`, pool.subnet],
    [`${label} aggregation`, pool.aggregation],
    [`${label} multus bridge`, pool['multus-bridge']],
  ];
}

export function prefixDetailsReport(
  prefix: ServicePrefix,
  groups: readonly LBServiceGroup[],
  now: Date,
): Report {
  const alt = prefix.spec['alt-pool'];
  const users = groupsUsing(prefix.metadata.name ?? '', groups);
  return {
    data: forOutput(prefix),
    blocks: [
      {
        type: 'fields',
        fields: [
          ['Service prefix', `${prefix.metadata.namespace ?? ''}/${prefix.metadata.name ?? ''}`],
          ...poolFields('Public', prefix.spec['public-pool']),
          ...(alt ? poolFields('Alt', alt) : [['Alt pool', '-'] as [string, string]]),
          ['Age', formatAge(prefix.metadata.creationTimestamp, now)],
        ],
      },
      {
        type: 'table',
        title: 'Used by service groups',
        empty: 'none',
        table: { headers: ['GROUP'], rows: users.map((g) => [groupRef(g)]) },
      },
      conditionsBlock(prefix.status?.conditions),
    ],
  };
}
