// Where each kind may live and what its name must look like (checked on CREATE; neither can
// change later). Names that end up in label values (`owning-lbservicegroup: <group>`, ...) or in
// a namespace (`epic-<account>`) must be RFC 1123 labels; the rest are subdomains, which the
// apiserver already enforces. The EPIC singleton's messages are the original's, word for word.
import {
  accountFromNamespace,
  coreNamespace,
  dnsLabelMaxLength,
  epicSingletonName,
  isDnsLabel,
  userNamespacePrefix,
} from '@epic/model';
import { subjectOf, type EpicKind, type Review } from './review.js';
import { invalid, type Problem } from './verdict.js';

type Home = 'core' | 'account' | 'account-or-core';

interface KindPlacement {
  home: Home;
  /** Why the name must be a DNS label; absent: a subdomain is enough. */
  labelNameBecause?: string;
}

const placements: Record<EpicKind, KindPlacement> = {
  EPIC: { home: 'core' },
  ServicePrefix: {
    home: 'core',
    labelNameBecause: 'service groups name it in the epic.acnodal.io/owning-serviceprefix label',
  },
  Account: { home: 'account' },
  LBServiceGroup: {
    home: 'account-or-core',
    labelNameBecause: 'proxies name it in the epic.acnodal.io/owning-lbservicegroup label',
  },
  LoadBalancer: {
    home: 'account',
    labelNameBecause: 'its endpoints and Envoy pods name it in a label',
  },
  GWProxy: { home: 'account', labelNameBecause: 'its Envoy pods name it in a label' },
  RemoteEndpoint: { home: 'account' },
  GWRoute: { home: 'account' },
  GWEndpointSlice: { home: 'account' },
};

export const epicNameMessage = `the EPIC object's name must be "${epicSingletonName}"`;
export const epicNamespaceMessage = `the EPIC object must be in the "${coreNamespace}" namespace`;

function epicProblems(review: Review): Problem[] {
  return [
    ...(review.name === epicSingletonName ? [] : [invalid(epicNameMessage)]),
    ...(review.namespace === coreNamespace ? [] : [invalid(epicNamespaceMessage)]),
  ];
}

function homeProblem(review: Review, home: Home): Problem | undefined {
  const inCore = review.namespace === coreNamespace;
  const inAccount = accountFromNamespace(review.namespace) !== undefined;
  const where = `not in "${review.namespace}"`;
  const homes: Record<Home, { ok: boolean; text: string }> = {
    core: { ok: inCore, text: `the "${coreNamespace}" namespace` },
    account: {
      ok: inAccount,
      text: `an account namespace (${userNamespacePrefix}<account>)`,
    },
    'account-or-core': {
      ok: inAccount || inCore,
      text: `an account namespace (${userNamespacePrefix}<account>) or in "${coreNamespace}"`,
    },
  };
  const rule = homes[home];
  if (rule.ok) return undefined;
  return invalid(`${subjectOf(review)} must be in ${rule.text}, ${where}: create it there`);
}

function accountNameProblem(review: Review): Problem | undefined {
  const account = accountFromNamespace(review.namespace);
  if (account === undefined || review.name === account) return undefined;
  return invalid(
    `${subjectOf(review)}: metadata.name must be "${account}", the account its namespace ` +
      `${review.namespace} belongs to (one Account per account namespace): name it "${account}"`,
  );
}

function nameProblem(review: Review, because: string | undefined): Problem | undefined {
  if (because === undefined || review.name === '' || isDnsLabel(review.name)) return undefined;
  return invalid(
    `${subjectOf(review)}: metadata.name must be an RFC 1123 label (lowercase letters, digits ` +
      `and '-', at most ${dnsLabelMaxLength} characters) because ${because}: choose such a name`,
  );
}

/** Namespace and name rules of a CREATE. */
export function placementProblems(review: Review): Problem[] {
  if (review.operation !== 'CREATE' || review.subResource) return [];
  if (review.kind === 'EPIC') return epicProblems(review);
  const placement = placements[review.kind];
  return [
    homeProblem(review, placement.home),
    review.kind === 'Account' ? accountNameProblem(review) : undefined,
    nameProblem(review, placement.labelNameBecause),
  ].filter((p): p is Problem => p !== undefined);
}
