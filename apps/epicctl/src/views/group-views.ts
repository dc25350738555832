// What `group list` and `group show` print. A group belongs to an account (its namespace is
// epic-<account>) or to the system (the core namespace).
import {
  accountFromNamespace,
  owningLBServiceGroupLabel,
  owningServicePrefixLabel,
  type LBServiceGroup,
  type LoadBalancer,
} from '@epic/model';
import { formatAge } from '../format/age.js';
import { asList, forOutput, type Report } from '../format/report.js';
import { cell } from '../format/table.js';
import { conditionsBlock } from './conditions.js';

export const systemOwner = '(system)';

/** The account a group belongs to, or `(system)` for a group outside any user namespace. */
export function groupOwner(group: LBServiceGroup): string {
  return accountFromNamespace(group.metadata.namespace ?? '') ?? systemOwner;
}

/** `namespace/name`, how messages name a group. */
export function groupRef(group: LBServiceGroup): string {
  return `${group.metadata.namespace ?? ''}/${group.metadata.name ?? ''}`;
}

function byOwnerThenName(a: LBServiceGroup, b: LBServiceGroup): number {
  return (
    groupOwner(a).localeCompare(groupOwner(b)) ||
    (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '')
  );
}

export function groupListReport(groups: readonly LBServiceGroup[], now: Date): Report {
  const sorted = [...groups].sort(byOwnerThenName);
  return {
    data: asList(sorted),
    blocks: [
      {
        type: 'table',
        empty: 'No service groups found.',
        table: {
          headers: ['ACCOUNT', 'NAME', 'PREFIX', 'SHARED', 'REPLICAS', 'IMAGE', 'AGE'],
          rows: sorted.map((g) => [
            groupOwner(g),
            g.metadata.name ?? '',
            cell(g.metadata.labels?.[owningServicePrefixLabel]),
            String(g.spec['can-be-shared']),
            String(g.spec['envoy-replica-count']),
            cell(g.spec['envoy-image']),
            formatAge(g.metadata.creationTimestamp, now),
          ]),
        },
      },
    ],
  };
}

/** The load balancers made from `group` (same namespace, owning-lbservicegroup label or spec). */
export function loadBalancersOf(
  group: LBServiceGroup,
  lbs: readonly LoadBalancer[],
): LoadBalancer[] {
  const name = group.metadata.name;
  return lbs.filter(
    (lb) =>
      lb.metadata.namespace === group.metadata.namespace &&
      (lb.metadata.labels?.[owningLBServiceGroupLabel] === name ||
        lb.spec['service-group'] === name),
  );
}

export function groupDetailsReport(
  group: LBServiceGroup,
  lbs: readonly LoadBalancer[],
  now: Date,
): Report {
  const template = group.spec['envoy-template'];
  const users = loadBalancersOf(group, lbs);
  return {
    data: forOutput(group),
    blocks: [
      {
        type: 'fields',
        fields: [
          ['Service group', groupRef(group)],
          ['Account', groupOwner(group)],
          ['Service prefix', cell(group.metadata.labels?.[owningServicePrefixLabel])],
          ['Shared', String(group.spec['can-be-shared'])],
          ['Envoy replicas', String(group.spec['envoy-replica-count'])],
          ['Envoy image', cell(group.spec['envoy-image'])],
          [
            'Envoy template',
            Object.keys(template).length === 0
              ? 'empty'
              : `keys ${Object.keys(template).join(', ')}`,
          ],
          ['DNS name template', cell(group.spec['endpoint-template'].dnsName)],
          ['Age', formatAge(group.metadata.creationTimestamp, now)],
        ],
      },
      {
        type: 'table',
        title: 'Load balancers',
        empty: 'none',
        table: {
          headers: ['NAME', 'SERVICE-ID', 'PUBLIC-ADDRESS'],
          rows: users.map((lb) => [
            lb.metadata.name ?? '',
            cell(lb.spec['service-id']),
            cell(lb.spec['public-address']),
          ]),
        },
      },
      conditionsBlock(group.status?.conditions),
    ],
  };
}
