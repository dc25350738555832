// Where a service group lives: an account's namespace (`--account acme` -> epic-acme) or the
// core namespace (`--system`). Commands that change a group need exactly one of the two.
import { accountNamespace, coreNamespace, isDnsLabel } from '@epic/model';
import { usageError } from '../exit-codes.js';

export interface ScopeFlags {
  account?: string;
  system?: boolean;
}

export type GroupScope =
  { kind: 'account'; account: string; namespace: string } | { kind: 'system'; namespace: string };

/** The scope the flags name, or undefined when they name none (every namespace). */
export function optionalScope(flags: ScopeFlags): GroupScope | undefined {
  if (flags.account !== undefined && flags.system === true) {
    throw usageError('pass either --account or --system, not both');
  }
  if (flags.system === true) return { kind: 'system', namespace: coreNamespace };
  if (flags.account === undefined) return undefined;
  return { kind: 'account', account: flags.account, namespace: accountNamespace(flags.account) };
}

/** The scope the flags name; a usage error when they name none. */
export function requiredScope(flags: ScopeFlags): GroupScope {
  const scope = optionalScope(flags);
  if (scope === undefined) throw usageError('pass --account <name> or --system');
  return scope;
}

/** Object names that also end up in label values and derived names must be DNS labels. */
export function checkObjectName(what: string, name: string): void {
  if (!isDnsLabel(name)) {
    throw usageError(
      `${what} name "${name}" is not valid: use lowercase letters, digits and '-' (at most 63, starting and ending with a letter or digit)`,
    );
  }
}
