// The validating webhook's decision for one request: the object must match its schema, live in
// the right namespace under a fitting name, leave IDs to the id-allocator, and satisfy its
// kind's reference rules. Every problem found is reported, in that order.
import { describeUser, type IdWriters } from './id-writers.js';
import { idFieldProblems } from './id-fields.js';
import type { Facts } from './facts.js';
import { placementProblems } from './placement.js';
import { proxyProblems } from './proxy-rules.js';
import { remoteEndpointProblems } from './remote-endpoint-rules.js';
import { isBeingDeleted, subjectOf, type EpicKind, type Review } from './review.js';
import { serviceGroupProblems } from './service-group-rules.js';
import { servicePrefixProblems } from './service-prefix-rules.js';
import { invalid, verdictOf, type Problem, type Verdict } from './verdict.js';

export interface ValidationPolicy {
  idWriters: IdWriters;
}

type KindRules = (review: Review, facts: Facts) => Problem[];

const none: KindRules = () => [];

const kindRules: Record<EpicKind, KindRules> = {
  EPIC: none,
  Account: none,
  ServicePrefix: servicePrefixProblems,
  LBServiceGroup: serviceGroupProblems,
  LoadBalancer: proxyProblems,
  GWProxy: proxyProblems,
  RemoteEndpoint: remoteEndpointProblems,
  GWRoute: none,
  GWEndpointSlice: none,
};

function schemaProblems(review: Review): Problem[] {
  const writes = review.operation === 'CREATE' || review.operation === 'UPDATE';
  if (!writes || review.schemaProblems.length === 0 || isBeingDeleted(review)) return [];
  return [
    invalid(
      `${subjectOf(review)} does not match the ${review.kind} schema (${review.schemaProblems.join('; ')}): fix these fields`,
    ),
  ];
}

export function validateReview(review: Review, facts: Facts, policy: ValidationPolicy): Verdict {
  const schema = schemaProblems(review);
  if (schema.length > 0) return verdictOf(schema);
  return verdictOf([
    ...placementProblems(review),
    ...idFieldProblems(review, policy.idWriters),
    ...kindRules[review.kind](review, facts),
  ]);
}

/** For logs: who asked for what. */
export function describeReview(review: Review): string {
  const sub = review.subResource ? `/${review.subResource}` : '';
  return `${review.operation} ${subjectOf(review)}${sub} by ${describeUser(review.user)}`;
}
