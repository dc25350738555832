// What a decision needs to know beyond the request: the objects it refers to, read from the API
// by the webhook app. `factQueries` says which reads a request needs (pure, from the request
// alone); the app runs them and hands the answers back as `Facts`. `null` means "looked, absent";
// a missing key means "not asked".
import { isDeepStrictEqual } from 'node:util';
import {
  accountFromNamespace,
  coreNamespace,
  owningAccountLabel,
  owningLBServiceGroupLabel,
  owningLoadBalancerLabel,
  owningServicePrefixLabel,
  type Account,
  type GWProxy,
  type LBServiceGroup,
  type LoadBalancer,
  type RemoteEndpoint,
} from '@epic/model';
import { isBeingDeleted, objectOf, oldObjectOf, type EpicKind, type Review } from './review.js';
import { claimsOnDelete } from './service-prefix-rules.js';

export interface Ref {
  namespace: string;
  name: string;
}

export interface FactQueries {
  /** An Account (the namespace's own, or the one a group's label names). */
  account?: Ref;
  /** A service group by name: the first namespace that has it wins. */
  serviceGroup?: { name: string; namespaces: string[] };
  /** A ServicePrefix in the core namespace. */
  servicePrefix?: string;
  /** The GWProxies of a namespace (for the proxy limit). */
  proxies?: string;
  loadBalancer?: Ref;
  /** RemoteEndpoints labelled with this LoadBalancer. */
  endpointsOf?: Ref;
  /** A Namespace, to know whether it is being deleted. */
  namespace?: string;
}

export interface Facts {
  account?: Account | null;
  serviceGroup?: LBServiceGroup | null;
  servicePrefixExists?: boolean;
  proxies?: GWProxy[];
  loadBalancer?: LoadBalancer | null;
  endpointsOf?: RemoteEndpoint[];
  namespaceTerminating?: boolean;
}

export type Webhook = 'mutate' | 'validate';

/** The group an LB / GWProxy names: spec.service-group, else (GWProxy) the group label. */
export function serviceGroupName(object: LoadBalancer | GWProxy | undefined): string | undefined {
  if (!object) return undefined;
  return object.spec['service-group'] ?? object.metadata.labels?.[owningLBServiceGroupLabel];
}

function proxyQueries(review: Review, webhook: Webhook): FactQueries {
  const object = objectOf(review, 'LoadBalancer') ?? objectOf(review, 'GWProxy');
  const group = serviceGroupName(object);
  const queries: FactQueries = group
    ? { serviceGroup: { name: group, namespaces: [review.namespace, coreNamespace] } }
    : {};
  if (webhook === 'mutate') return queries;
  const account = accountFromNamespace(review.namespace);
  if (account) queries.account = { namespace: review.namespace, name: account };
  if (review.kind === 'GWProxy') queries.proxies = review.namespace;
  return queries;
}

function loadBalancerDeleteQueries(review: Review): FactQueries {
  const lb = oldObjectOf(review, 'LoadBalancer');
  const upstreams = lb?.spec['upstream-clusters'] ?? [];
  return upstreams.length > 0 ? { namespace: review.namespace } : {};
}

function serviceGroupQueries(review: Review): FactQueries {
  const labels = objectOf(review, 'LBServiceGroup')?.metadata.labels ?? {};
  const prefix = labels[owningServicePrefixLabel];
  const account = labels[owningAccountLabel];
  return {
    ...(prefix ? { servicePrefix: prefix } : {}),
    ...(account && accountFromNamespace(review.namespace) === account
      ? { account: { namespace: review.namespace, name: account } }
      : {}),
  };
}

function remoteEndpointQueries(review: Review): FactQueries {
  const lb = objectOf(review, 'RemoteEndpoint')?.metadata.labels?.[owningLoadBalancerLabel];
  if (!lb) return {};
  const ref = { namespace: review.namespace, name: lb };
  return { loadBalancer: ref, endpointsOf: ref };
}

type QueryRule = (review: Review, webhook: Webhook) => FactQueries;

const nothing: QueryRule = () => ({});

function proxyRule(review: Review, webhook: Webhook): FactQueries {
  if (review.operation === 'CREATE') return proxyQueries(review, webhook);
  const deletesLoadBalancer = review.operation === 'DELETE' && review.kind === 'LoadBalancer';
  return webhook === 'validate' && deletesLoadBalancer ? loadBalancerDeleteQueries(review) : {};
}

function whenChanged(queries: (review: Review) => FactQueries): QueryRule {
  return (review, webhook) =>
    webhook === 'validate' && referencesChanged(review) ? queries(review) : {};
}

/** Deleting a ServicePrefix with claims is refused, unless its namespace is going. */
function servicePrefixRule(review: Review, webhook: Webhook): FactQueries {
  const refusable = webhook === 'validate' && claimsOnDelete(review).length > 0;
  return refusable ? { namespace: review.namespace } : {};
}

const queryRules: Record<EpicKind, QueryRule> = {
  EPIC: nothing,
  Account: nothing,
  ServicePrefix: servicePrefixRule,
  LBServiceGroup: whenChanged(serviceGroupQueries),
  LoadBalancer: proxyRule,
  GWProxy: proxyRule,
  RemoteEndpoint: whenChanged(remoteEndpointQueries),
  GWRoute: nothing,
  GWEndpointSlice: nothing,
};

/** The reads a request needs (nothing for status writes and objects being deleted). */
export function factQueries(review: Review, webhook: Webhook): FactQueries {
  if (review.subResource || isBeingDeleted(review)) return {};
  return queryRules[review.kind](review, webhook);
}

/**
 * Whether the references of an LBServiceGroup (its labels) or a RemoteEndpoint (its label and
 * spec) must be (re)checked: always on CREATE; on UPDATE only when they changed, so a group whose
 * ServicePrefix went away can still be edited, and an endpoint whose LB is gone can still lose
 * its finalizer.
 */
export function referencesChanged(review: Review): boolean {
  if (review.operation === 'CREATE') return true;
  if (review.operation !== 'UPDATE' || !review.object || !review.oldObject) return false;
  const now = review.object;
  const before = review.oldObject;
  const labelsChanged = !isDeepStrictEqual(now.metadata.labels ?? {}, before.metadata.labels ?? {});
  return (
    labelsChanged || (review.kind === 'RemoteEndpoint' && !isDeepStrictEqual(now.spec, before.spec))
  );
}
