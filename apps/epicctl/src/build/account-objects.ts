// The objects `account create` writes: the user namespace `epic-<account>` with the labels that
// make it one, and its Account. The group-id is left out on purpose: the id-allocator owns it.
import {
  accountNamespace,
  apiVersionV1,
  partOfEpicLabels,
  userNamespaceLabels,
  type AccountInput,
} from '@epic/model';

export interface AccountObjects {
  namespace: { name: string; labels: Record<string, string> };
  account: AccountInput;
}

/** Throws InvalidNameError (a usage error) when the account name cannot be a namespace. */
export function accountObjects(
  name: string,
  options: { proxyLimit?: number } = {},
): AccountObjects {
  const namespace = accountNamespace(name);
  return {
    namespace: { name: namespace, labels: { ...userNamespaceLabels } },
    account: {
      apiVersion: apiVersionV1,
      kind: 'Account',
      metadata: { namespace, name, labels: { ...partOfEpicLabels } },
      spec: options.proxyLimit === undefined ? {} : { proxyLimit: options.proxyLimit },
    },
  };
}

/** A namespace is a user namespace when it carries every user-namespace label. */
export function isUserNamespace(labels: Record<string, string>): boolean {
  return Object.entries(userNamespaceLabels).every(([key, value]) => labels[key] === value);
}

/** The user-namespace labels as `k=v, k=v`, for messages. */
export const userNamespaceLabelText = Object.entries(userNamespaceLabels)
  .map(([key, value]) => `${key}=${value}`)
  .join(', ');
