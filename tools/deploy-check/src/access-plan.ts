// The questions that prove least privilege on a real apiserver, for EPIC installed in one
// namespace: every app may do everything it needs (app-access.ts), and may not do
//   - anything another app needs that its own grants do not imply,
//   - its core-namespace grants in any other namespace,
//   - what no EPIC app should ever do (read Secrets, delete Namespaces, change RBAC, ...).
import { appAccess, neededGrants, parseAccessLine, type AppAccess } from './app-access.js';
import {
  type AccessQuestion,
  type Grant,
  grantText,
  implies,
  type ServiceAccountRef,
} from '@epic/manifests';

export const neverAllowed: readonly string[] = [
  'get,list,watch core/secrets',
  'delete core/namespaces',
  'create core/pods/exec,serviceaccounts/token',
  'impersonate core/users,serviceaccounts',
  'create,update,escalate,bind rbac.authorization.k8s.io/clusterroles,clusterrolebindings,roles,rolebindings',
  'create,update,delete apiextensions.k8s.io/customresourcedefinitions',
  'update,patch admissionregistration.k8s.io/validatingwebhookconfigurations,mutatingwebhookconfigurations',
];

/** Namespaced grants are asked in their namespace; cluster ones across all namespaces (''). */
function question(account: ServiceAccountRef, grant: Grant): AccessQuestion {
  const namespace = grant.scope.kind === 'namespace' ? grant.scope.namespace : '';
  return { account, grant, namespace };
}

export interface AccessPlan {
  allowed: AccessQuestion[];
  denied: AccessQuestion[];
}

export function accessPlan(
  namespace: string,
  otherNamespace: string,
  apps: readonly AppAccess[] = appAccess,
): AccessPlan {
  const everyone = apps.flatMap((a) => neededGrants(a, namespace));
  const universe = [...new Map(everyone.map((g) => [grantText(g), g])).values()];
  const forbidden = neverAllowed.flatMap((line) => [
    ...parseAccessLine(line, { kind: 'cluster' }),
    ...parseAccessLine(line, { kind: 'namespace', namespace }),
  ]);
  const allowed: AccessQuestion[] = [];
  const denied: AccessQuestion[] = [];
  for (const app of apps) {
    const account = { namespace, name: app.serviceAccount };
    const own = neededGrants(app, namespace);
    allowed.push(...own.map((g) => question(account, g)));
    const others = universe.filter((g) => !own.some((mine) => implies(mine, g)));
    const elsewhere = own
      .filter((g) => g.scope.kind === 'namespace')
      .map((g): Grant => ({ ...g, scope: { kind: 'namespace', namespace: otherNamespace } }));
    denied.push(...[...others, ...elsewhere, ...forbidden].map((g) => question(account, g)));
  }
  return { allowed, denied };
}

/** `ingest: cluster list core/pods` — for failure messages. */
export function questionText(q: AccessQuestion): string {
  return `${q.account.name}: ${grantText(q.grant)}`;
}
