// RemoteEndpoint: it belongs to the LoadBalancer its label names (same namespace), its cluster
// must be one of that LB's upstream-clusters, and it may not repeat another endpoint of that LB.
// Addresses are IPs by the CRD's own rules. The duplicate message ends in
// `duplicate endpoint: <name>`: the original tenant API parses that name out of it.
import { isDeepStrictEqual } from 'node:util';
import { owningLoadBalancerLabel, type LoadBalancer, type RemoteEndpoint } from '@epic/model';
import { referencesChanged, type Facts } from './facts.js';
import { isBeingDeleted, objectOf, subjectOf, type Review } from './review.js';
import { conflict, invalid, type Problem } from './verdict.js';

function ownerProblem(
  review: Review,
  lbName: string | undefined,
  facts: Facts,
): Problem | undefined {
  const subject = subjectOf(review);
  if (!lbName) {
    return invalid(
      `${subject} has no label ${owningLoadBalancerLabel}: set it to its LoadBalancer`,
    );
  }
  if (facts.loadBalancer !== null) return undefined;
  return invalid(
    `${subject}: label ${owningLoadBalancerLabel} names LoadBalancer "${lbName}", which does ` +
      `not exist in ${review.namespace}: create the LoadBalancer first or fix the label`,
  );
}

function clusterProblem(review: Review, endpoint: RemoteEndpoint, lb: LoadBalancer) {
  const cluster = endpoint.spec.cluster;
  if ((lb.spec['upstream-clusters'] ?? []).includes(cluster)) return undefined;
  return invalid(
    `${subjectOf(review)}: spec.cluster "${cluster}" is not in spec.upstream-clusters of ` +
      `LoadBalancer ${review.namespace}/${lb.metadata.name ?? ''}: add the cluster to the ` +
      'LoadBalancer first',
  );
}

function duplicateProblem(review: Review, endpoint: RemoteEndpoint, facts: Facts) {
  const twin = (facts.endpointsOf ?? []).find(
    (other) =>
      other.metadata.name !== review.name &&
      other.metadata.deletionTimestamp === undefined &&
      isDeepStrictEqual(other.spec, endpoint.spec),
  );
  if (!twin) return undefined;
  const lbName = endpoint.metadata.labels?.[owningLoadBalancerLabel] ?? '';
  return conflict(
    `${subjectOf(review)} repeats the spec of another endpoint of LoadBalancer ${lbName} ` +
      `(delete one of them): duplicate endpoint: ${twin.metadata.name ?? ''}`,
  );
}

export function remoteEndpointProblems(review: Review, facts: Facts): Problem[] {
  const endpoint = objectOf(review, 'RemoteEndpoint');
  if (!endpoint || review.subResource || isBeingDeleted(review) || !referencesChanged(review)) {
    return [];
  }
  const lb = facts.loadBalancer;
  const problem =
    ownerProblem(review, endpoint.metadata.labels?.[owningLoadBalancerLabel], facts) ??
    (lb
      ? (clusterProblem(review, endpoint, lb) ?? duplicateProblem(review, endpoint, facts))
      : undefined);
  return problem ? [problem] : [];
}
