// Who each app is on the apiserver: the ServiceAccount deploy/kustomize/rbac gives it, with
// only its own Role's permissions. The demo installs that RBAC, as a deploy would, and runs
// every app with a token of its own ServiceAccount, so what converges is the least privilege
// the manifests grant, not the admin's. An isolated run (a guest on a shared stack) suffixes
// every name, so its grants are its own and `--down` removes exactly them.
import { stringify } from 'yaml';
import { coreNamespace } from '@epic/model';
import { grantsOf, type AccessQuestion, type KubeObject } from '@epic/manifests';
import type { AppName } from './app-processes.js';
import type { DemoPlan } from './demo-plan.js';

/** The ServiceAccount of each app in deploy/kustomize/rbac and deploy/webhooks/rbac.yaml. */
export const deployedServiceAccounts: Readonly<Record<AppName, string>> = {
  admission: 'epic-admission',
  ingest: 'ingest',
  'id-allocator': 'id-allocator',
  'address-allocator': 'address-allocator',
  'envoy-renderer': 'envoy-renderer',
  'xds-server': 'xds-server',
  'tunnel-dispatcher': 'tunnel-dispatcher',
  'tunnel-agent': 'tunnel-agent',
};

export interface AppIdentity {
  namespace: string;
  serviceAccount: string;
  /** What the apiserver calls the app: `system:serviceaccount:<namespace>:<name>`. */
  username: string;
}

export function serviceAccountUser(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

export function appIdentity(plan: DemoPlan, app: AppName): AppIdentity {
  const serviceAccount = `${deployedServiceAccounts[app]}${plan.identitySuffix}`;
  return {
    namespace: coreNamespace,
    serviceAccount,
    username: serviceAccountUser(coreNamespace, serviceAccount),
  };
}

/** The deployed name of ingest's Lease, the one name ingest's Role is limited to. */
const deployedIngestLease = 'epic-ingest';

export interface RbacOverlayPaths {
  /** deploy/kustomize/rbac, relative to the overlay's directory. */
  rbacDir: string;
  /** A copy of deploy/webhooks/rbac.yaml inside the overlay's directory (kustomize loads
   * files only from below the kustomization). */
  admissionFile: string;
}

/**
 * The kustomization the demo installs: every app's RBAC in the core namespace; in an isolated
 * run each name suffixed, everything labelled with the run, and ingest's Lease grant moved
 * to the run's own Lease (the JSON patch tests the deployed name first, so a changed Role
 * fails the render instead of granting the wrong Lease).
 */
export function rbacOverlay(plan: DemoPlan, paths: RbacOverlayPaths): string {
  const leasePatch = [
    { op: 'test', path: '/rules/1/resourceNames/0', value: deployedIngestLease },
    { op: 'replace', path: '/rules/1/resourceNames/0', value: plan.ingestLease },
  ];
  return stringify({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace: coreNamespace,
    resources: [paths.rbacDir, paths.admissionFile],
    ...(plan.runLabel
      ? {
          nameSuffix: plan.identitySuffix,
          labels: [
            { pairs: { [plan.runLabel.key]: plan.runLabel.value }, includeSelectors: false },
          ],
          patches: [
            {
              target: { kind: 'Role', name: 'ingest-leader-election' },
              patch: stringify(leasePatch),
            },
          ],
        }
      : {}),
  });
}

/**
 * One thing the app's ClusterRoles grant (the first cluster-wide grant, as deploy-check reads
 * RBAC), to ask the authorizer until it says yes: the apiserver learns new RBAC through an
 * informer, and an app started before then would see its first requests refused.
 */
export function grantProbe(objects: readonly KubeObject[], identity: AppIdentity): AccessQuestion {
  const account = { namespace: identity.namespace, name: identity.serviceAccount };
  const grant = grantsOf(objects, account).find((g) => g.scope.kind === 'cluster');
  if (grant === undefined) {
    throw new Error(
      `no ClusterRole with a rule is bound to ServiceAccount ${identity.serviceAccount} ` +
        'in deploy/kustomize/rbac or deploy/webhooks/rbac.yaml',
    );
  }
  return { account, grant, namespace: '' };
}
