// A ServicePrefix cannot be deleted while it holds address claims: its status is the only
// record of which addresses are taken, so deleting it would forget them, and a namesake
// created later would hand the same addresses out again. Claims go when their owners go (the
// address-allocator releases them), so the fix is to delete (or move) the owners first. The
// core namespace being deleted (EPIC uninstalled) is let through, or it would never finish.
import type { AddressClaims } from '@epic/model';
import type { Facts } from './facts.js';
import { oldObjectOf, subjectOf, type Review } from './review.js';
import { conflict, type Problem } from './verdict.js';

/** How many claims a refusal names as examples. */
const shownClaims = 3;

/** `<address> (<Kind> <namespace>/<name>)` for each claim, in address order. */
function describeClaims(claims: AddressClaims): string[] {
  return Object.entries(claims)
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([address, claim]) => {
      const owners = claim.owners.map((o) => `${o.kind} ${o.namespace}/${o.name}`);
      return `${address} (${owners.join(', ')})`;
    });
}

/** Every claim of the ServicePrefix being deleted, v4 and v6 pools alike. */
export function claimsOnDelete(review: Review): string[] {
  const prefix = review.operation === 'DELETE' ? oldObjectOf(review, 'ServicePrefix') : undefined;
  return describeClaims({
    ...(prefix?.status?.allocations ?? {}),
    ...(prefix?.status?.['alt-allocations'] ?? {}),
  });
}

export function servicePrefixProblems(review: Review, facts: Facts): Problem[] {
  const claims = claimsOnDelete(review);
  if (claims.length === 0 || facts.namespaceTerminating) return [];
  const more = claims.length > shownClaims ? `, and ${claims.length - shownClaims} more` : '';
  return [
    conflict(
      `${subjectOf(review)} still holds ${claims.length} address claim(s): ` +
        `${claims.slice(0, shownClaims).join(', ')}${more}; deleting it would forget which ` +
        'addresses are taken: delete those LoadBalancers and GWProxies (or move their groups to ' +
        'another ServicePrefix) first, and EPIC releases their addresses',
    ),
  ];
}
