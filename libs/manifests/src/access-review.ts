// Asks the apiserver's authorizer whether a ServiceAccount may do something: a
// SubjectAccessReview for the account's user and groups, which is what `kubectl auth can-i
// --as=system:serviceaccount:<ns>:<name>` asks, without a process per question.
import { AuthorizationV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { Grant, ServiceAccountRef } from './rbac-grants.js';

export interface AccessQuestion {
  account: ServiceAccountRef;
  grant: Grant;
  /**
   * Where the request is made: a namespace, or '' for every namespace at once (a list or watch
   * across the cluster) and for cluster-scoped resources (nodes, namespaces).
   */
  namespace: string;
}

/** `epics/status` -> resource `epics`, subresource `status`. */
function splitResource(resource: string): { resource: string; subresource?: string } {
  const [main = '', sub] = resource.split('/', 2);
  return sub === undefined ? { resource: main } : { resource: main, subresource: sub };
}

export async function isAllowed(kc: KubeConfig, question: AccessQuestion): Promise<boolean> {
  const { account, grant, namespace } = question;
  const api = kc.makeApiClient(AuthorizationV1Api);
  const review = await api.createSubjectAccessReview({
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: {
        user: `system:serviceaccount:${account.namespace}:${account.name}`,
        groups: [
          'system:serviceaccounts',
          `system:serviceaccounts:${account.namespace}`,
          'system:authenticated',
        ],
        resourceAttributes: {
          verb: grant.verb,
          group: grant.group,
          ...splitResource(grant.resource),
          ...(grant.name === undefined ? {} : { name: grant.name }),
          namespace,
        },
      },
    },
  });
  return review.status?.allowed === true;
}
