import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseManifests } from '@epic/manifests';
import { appNames } from './app-processes.js';
import { appIdentity, deployedServiceAccounts, grantProbe, rbacOverlay } from './app-identities.js';
import { demoPlan } from './demo-plan.js';

const plain = demoPlan({ account: 'root' });
const isolated = demoPlan({ account: 't-demo-x', isolation: 'ab12cd34' });
const paths = { rbacDir: '../../deploy/kustomize/rbac', admissionFile: 'admission-rbac.yaml' };

describe("the apps' identities", () => {
  it('plain: the deployed ServiceAccounts in the core namespace', () => {
    expect(appIdentity(plain, 'id-allocator')).toEqual({
      namespace: 'epic',
      serviceAccount: 'id-allocator',
      username: 'system:serviceaccount:epic:id-allocator',
    });
    expect(appIdentity(plain, 'admission').serviceAccount).toBe('epic-admission');
  });

  it("isolated: every name carries the run's suffix, and no two apps share one", () => {
    const names = appNames.map((app) => appIdentity(isolated, app).serviceAccount);
    expect(names).toEqual(appNames.map((app) => `${deployedServiceAccounts[app]}-t-demo-ab12cd34`));
    expect(new Set(names).size).toBe(appNames.length);
  });
});

describe('the RBAC overlay', () => {
  it('plain: the deployed RBAC as it is, in the core namespace', () => {
    expect(parse(rbacOverlay(plain, paths))).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      namespace: 'epic',
      resources: [paths.rbacDir, paths.admissionFile],
    });
  });

  it("isolated: suffixed names, the run's label, ingest's Lease grant moved to the run's Lease", () => {
    const overlay = parse(rbacOverlay(isolated, paths)) as {
      nameSuffix: string;
      labels: { pairs: Record<string, string> }[];
      patches: { target: unknown; patch: string }[];
    };
    expect(overlay.nameSuffix).toBe('-t-demo-ab12cd34');
    expect(overlay.labels[0]?.pairs).toEqual({ 'epic.acnodal.io/demo-run': 'ab12cd34' });
    expect(overlay.patches[0]?.target).toEqual({ kind: 'Role', name: 'ingest-leader-election' });
    expect(parse(overlay.patches[0]?.patch ?? '')).toEqual([
      { op: 'test', path: '/rules/1/resourceNames/0', value: 'epic-ingest' },
      { op: 'replace', path: '/rules/1/resourceNames/0', value: 't-demo-ingest-ab12cd34' },
    ]);
  });
});

describe('grantProbe', () => {
  const rbac = parseManifests(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: epic-ingest }
rules:
  - { apiGroups: [epic.acnodal.io], resources: [epics, accounts], verbs: [list, watch] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: epic-ingest }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: epic-ingest }
subjects: [{ kind: ServiceAccount, name: ingest, namespace: epic }]
`);

  it('asks for the first cluster-wide grant of the ClusterRole bound to the app', () => {
    expect(grantProbe(rbac, appIdentity(plain, 'ingest'))).toEqual({
      account: { namespace: 'epic', name: 'ingest' },
      grant: {
        scope: { kind: 'cluster' },
        verb: 'list',
        group: 'epic.acnodal.io',
        resource: 'accounts',
      },
      namespace: '',
    });
  });

  it('names the ServiceAccount nothing is bound to', () => {
    expect(() => grantProbe(rbac, appIdentity(plain, 'xds-server'))).toThrow(
      'no ClusterRole with a rule is bound to ServiceAccount xds-server',
    );
  });
});
