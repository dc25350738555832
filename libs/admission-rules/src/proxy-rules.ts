// LoadBalancer and GWProxy: the service group they are made from must exist in their own
// namespace (or be a system group in `epic`) and belong to their account; the namespace's
// Account must exist; a GWProxy counts against the Account's proxyLimit; the group never changes;
// a LoadBalancer still used by client clusters cannot be deleted.
import {
  accountFromNamespace,
  coreNamespace,
  defaultProxyLimit,
  owningAccountLabel,
  owningLBServiceGroupLabel,
  type GWProxy,
  type LBServiceGroup,
  type LoadBalancer,
} from '@epic/model';
import { serviceGroupName, type Facts } from './facts.js';
import { objectOf, oldObjectOf, subjectOf, type Review } from './review.js';
import { conflict, forbidden, invalid, type Problem } from './verdict.js';

type Proxy = LoadBalancer | GWProxy;

function proxyOf(review: Review): Proxy | undefined {
  return objectOf(review, 'LoadBalancer') ?? objectOf(review, 'GWProxy');
}

function oldProxyOf(review: Review): Proxy | undefined {
  return oldObjectOf(review, 'LoadBalancer') ?? oldObjectOf(review, 'GWProxy');
}

function labelMismatch(review: Review, proxy: Proxy): Problem | undefined {
  const label = proxy.metadata.labels?.[owningLBServiceGroupLabel];
  const group = proxy.spec['service-group'];
  if (label === undefined || group === undefined || label === group) return undefined;
  return invalid(
    `${subjectOf(review)}: label ${owningLBServiceGroupLabel} is "${label}" but ` +
      `spec.service-group is "${group}": remove the label (EPIC sets it) or make them equal`,
  );
}

function missingGroup(review: Review, proxy: Proxy, name: string): Problem {
  const field = proxy.spec['service-group'] ? 'spec.service-group' : owningLBServiceGroupLabel;
  return invalid(
    `${subjectOf(review)}: ${field} "${name}" names no LBServiceGroup in ${review.namespace} ` +
      `or in ${coreNamespace}: create the group first or fix ${field}`,
  );
}

/** A group in an account namespace serves that account only (a system group serves all). */
function foreignGroup(review: Review, group: LBServiceGroup): Problem | undefined {
  const owner = group.metadata.labels?.[owningAccountLabel] ?? '';
  const account = accountFromNamespace(review.namespace) ?? '';
  if (group.metadata.namespace === coreNamespace || owner === account) return undefined;
  return invalid(
    `${subjectOf(review)}: service group ${group.metadata.namespace ?? ''}/${group.metadata.name ?? ''} ` +
      `belongs to account "${owner}" (label ${owningAccountLabel}), not to "${account}": ` +
      `use a group of account "${account}"`,
  );
}

function groupProblems(review: Review, proxy: Proxy, facts: Facts): Problem[] {
  const name = serviceGroupName(proxy);
  if (name === undefined) {
    return [invalid(`${subjectOf(review)} names no service group: set spec.service-group`)];
  }
  const problem =
    labelMismatch(review, proxy) ??
    (facts.serviceGroup === null ? missingGroup(review, proxy, name) : undefined) ??
    (facts.serviceGroup ? foreignGroup(review, facts.serviceGroup) : undefined);
  return problem ? [problem] : [];
}

function accountProblems(review: Review, facts: Facts): Problem[] {
  if (facts.account !== null) return [];
  const account = accountFromNamespace(review.namespace) ?? '';
  return [
    invalid(
      `${subjectOf(review)}: namespace ${review.namespace} has no Account "${account}": create the Account first`,
    ),
  ];
}

function proxyLimitProblems(review: Review, facts: Facts): Problem[] {
  if (review.kind !== 'GWProxy' || !facts.account || !facts.proxies) return [];
  const limit = facts.account.spec.proxyLimit ?? defaultProxyLimit;
  // Proxies being deleted are on their way out and do not count (the original counted them).
  const live = facts.proxies.filter(
    (p) => p.metadata.deletionTimestamp === undefined && p.metadata.name !== review.name,
  ).length;
  if (live < limit) return [];
  const account = facts.account.metadata.name ?? '';
  return [
    forbidden(
      `account proxy limit exceeded: account "${account}" has ${live} GWProxies and its ` +
        `spec.proxyLimit is ${limit}, so ${subjectOf(review)} was not created: delete a GWProxy ` +
        `or raise spec.proxyLimit of Account ${review.namespace}/${account}`,
    ),
  ];
}

function createProblems(review: Review, facts: Facts): Problem[] {
  const proxy = proxyOf(review);
  if (!proxy) return [];
  return [
    ...groupProblems(review, proxy, facts),
    ...accountProblems(review, facts),
    ...proxyLimitProblems(review, facts),
  ];
}

function updateProblems(review: Review): Problem[] {
  const proxy = proxyOf(review);
  const old = oldProxyOf(review);
  if (!proxy || !old || proxy.metadata.deletionTimestamp !== undefined) return [];
  const before = serviceGroupName(old);
  const after = serviceGroupName(proxy);
  if (before !== undefined && before !== after) {
    return [
      invalid(
        `${subjectOf(review)}: its service group "${before}" cannot be changed to ` +
          `"${after ?? '(none)'}" (spec.service-group / label ${owningLBServiceGroupLabel}): ` +
          'create a new object in the other group instead',
      ),
    ];
  }
  const mismatch = labelMismatch(review, proxy);
  return mismatch ? [mismatch] : [];
}

function deleteProblems(review: Review, facts: Facts): Problem[] {
  const lb = oldObjectOf(review, 'LoadBalancer');
  const upstreams = lb?.spec['upstream-clusters'] ?? [];
  // Deleting the whole account namespace deletes its LBs too; that must not hang forever.
  if (upstreams.length === 0 || facts.namespaceTerminating) return [];
  return [
    conflict(
      `LB ${review.namespace}/${review.name} has upstream clusters, can't delete: ` +
        `[${upstreams.join(' ')}] (spec.upstream-clusters): remove every cluster from ` +
        'spec.upstream-clusters first',
    ),
  ];
}

/** The LoadBalancer / GWProxy rules for one request (the main resource, not status). */
export function proxyProblems(review: Review, facts: Facts): Problem[] {
  if (review.subResource) return [];
  const byOperation = {
    CREATE: () => createProblems(review, facts),
    UPDATE: () => updateProblems(review),
    DELETE: () => deleteProblems(review, facts),
    CONNECT: () => [],
  };
  return byOperation[review.operation]();
}
