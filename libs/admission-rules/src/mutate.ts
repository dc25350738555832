// The mutating webhook's decision: defaults for a new LoadBalancer / GWProxy as a JSON Patch.
// It never refuses: a broken object is left to the schema and the validating webhook, which
// say what is wrong; here it simply gets no defaults.
import type { AdmissionResponse } from './admission-review.js';
import type { Facts } from './facts.js';
import { diffPatch, type JsonPatchOp } from './json-patch.js';
import { applyChanges, proxyDefaults } from './proxy-defaults.js';
import { objectOf, type Review } from './review.js';

export interface MutationResult {
  patch: JsonPatchOp[];
  warnings: string[];
}

export interface MutationInput {
  review: Review;
  facts: Facts;
  /** A fresh tunnel key (base64 of 128 random bits), asked for only when one is needed. */
  newTunnelKey: () => string;
}

export function mutateReview({ review, facts, newTunnelKey }: MutationInput): MutationResult {
  const proxy = objectOf(review, 'LoadBalancer') ?? objectOf(review, 'GWProxy');
  const raw = review.rawObject;
  if (review.operation !== 'CREATE' || review.subResource || !proxy || !raw) {
    return { patch: [], warnings: [] };
  }
  const changes = proxyDefaults({
    review,
    proxy,
    group: facts.serviceGroup ?? undefined,
    newTunnelKey,
  });
  return { patch: diffPatch(raw, applyChanges(raw, changes)), warnings: changes.warnings };
}

/** The AdmissionResponse of a mutation (always allowed). */
export function mutationResponse(uid: string, result: MutationResult): AdmissionResponse {
  return {
    uid,
    allowed: true,
    ...(result.patch.length > 0
      ? {
          patchType: 'JSONPatch' as const,
          patch: Buffer.from(JSON.stringify(result.patch)).toString('base64'),
        }
      : {}),
    ...(result.warnings.length > 0 ? { warnings: [...result.warnings] } : {}),
  };
}
