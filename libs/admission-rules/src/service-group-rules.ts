// LBServiceGroup: tied by labels to the ServicePrefix (in `epic`) its addresses come from and,
// in an account namespace, to that namespace's Account. A system group (in `epic`) belongs to
// no account. Checked on CREATE, and on UPDATE when labels or spec changed (facts.ts).
import {
  accountFromNamespace,
  coreNamespace,
  owningAccountLabel,
  owningServicePrefixLabel,
} from '@epic/model';
import { referencesChanged, type Facts } from './facts.js';
import { isBeingDeleted, objectOf, subjectOf, type Review } from './review.js';
import { invalid, type Problem } from './verdict.js';

function prefixProblems(review: Review, prefix: string | undefined, facts: Facts): Problem[] {
  const subject = subjectOf(review);
  if (!prefix) {
    return [
      invalid(
        `${subject} has no label ${owningServicePrefixLabel}: set it to the ServicePrefix ` +
          `(in ${coreNamespace}) its addresses come from`,
      ),
    ];
  }
  if (facts.servicePrefixExists !== false) return [];
  return [
    invalid(
      `${subject}: label ${owningServicePrefixLabel} names ServicePrefix "${prefix}", which ` +
        `does not exist in ${coreNamespace}: create it or fix the label`,
    ),
  ];
}

function systemGroupProblems(review: Review, account: string | undefined): Problem[] {
  if (account === undefined) return [];
  return [
    invalid(
      `${subjectOf(review)}: a system service group (in ${coreNamespace}) belongs to no ` +
        `account, but label ${owningAccountLabel} is "${account}": remove the label`,
    ),
  ];
}

function accountProblems(review: Review, label: string | undefined, facts: Facts): Problem[] {
  const subject = subjectOf(review);
  const own = accountFromNamespace(review.namespace);
  if (own === undefined) return []; // placement reports it
  if (!label) {
    return [invalid(`${subject} has no label ${owningAccountLabel}: set it to "${own}"`)];
  }
  if (label !== own) {
    return [
      invalid(
        `${subject}: label ${owningAccountLabel} is "${label}", but namespace ` +
          `${review.namespace} belongs to account "${own}" (a group never serves another ` +
          `account): set it to "${own}"`,
      ),
    ];
  }
  if (facts.account !== null) return [];
  return [
    invalid(
      `${subject}: label ${owningAccountLabel} names Account "${own}", which does not exist in ` +
        `${review.namespace}: create the Account first`,
    ),
  ];
}

export function serviceGroupProblems(review: Review, facts: Facts): Problem[] {
  const group = objectOf(review, 'LBServiceGroup');
  if (!group || review.subResource || isBeingDeleted(review) || !referencesChanged(review)) {
    return [];
  }
  const labels = group.metadata.labels ?? {};
  const account = labels[owningAccountLabel];
  return [
    ...prefixProblems(review, labels[owningServicePrefixLabel], facts),
    ...(review.namespace === coreNamespace
      ? systemGroupProblems(review, account)
      : accountProblems(review, account, facts)),
  ];
}
