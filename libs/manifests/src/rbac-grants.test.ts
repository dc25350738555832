import { describe, expect, it } from 'vitest';
import { parseManifests } from './manifest.js';
import {
  bindingProblems,
  grantsOf,
  grantText,
  serviceAccountsOf,
  wildcardProblems,
} from './rbac-grants.js';

const rbac = parseManifests(`
apiVersion: v1
kind: ServiceAccount
metadata: {name: app, namespace: epic}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: epic-app}
rules:
  - apiGroups: [epic.acnodal.io]
    resources: [loadbalancers, loadbalancers/status]
    verbs: [get, update]
  - apiGroups: ['']
    resources: [events]
    verbs: [create]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: epic-app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: epic-app}
subjects: [{kind: ServiceAccount, name: app, namespace: epic}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: app-singleton, namespace: epic}
rules:
  - apiGroups: [epic.acnodal.io]
    resources: [epics]
    resourceNames: [epic]
    verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: app-singleton, namespace: epic}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: app-singleton}
subjects: [{kind: ServiceAccount, name: app, namespace: epic}]
`);

describe('grantsOf', () => {
  it('flattens every bound rule into one verb on one resource, in its scope', () => {
    expect(grantsOf(rbac, { namespace: 'epic', name: 'app' }).map(grantText)).toEqual([
      'cluster create core/events',
      'cluster get epic.acnodal.io/loadbalancers',
      'cluster get epic.acnodal.io/loadbalancers/status',
      'cluster update epic.acnodal.io/loadbalancers',
      'cluster update epic.acnodal.io/loadbalancers/status',
      'namespace:epic get epic.acnodal.io/epics name=epic',
    ]);
  });

  it('gives an account of another namespace nothing', () => {
    expect(grantsOf(rbac, { namespace: 'other', name: 'app' })).toEqual([]);
  });

  it('lists the ServiceAccounts', () => {
    expect(serviceAccountsOf(rbac)).toEqual([{ namespace: 'epic', name: 'app' }]);
  });

  it('finds nothing wrong with one account bound to its own roles', () => {
    expect(wildcardProblems(rbac)).toEqual([]);
    expect(bindingProblems(rbac)).toEqual([]);
  });
});

describe('wildcardProblems', () => {
  it.each([
    ['verbs', "{apiGroups: [''], resources: [pods], verbs: ['*']}"],
    ['resources', "{apiGroups: [''], resources: ['*'], verbs: [get]}"],
    ['apiGroups', "{apiGroups: ['*'], resources: [pods], verbs: [get]}"],
    ['resources', "{apiGroups: [''], resources: ['pods/*'], verbs: [get]}"],
    ['nonResourceURLs', "{nonResourceURLs: ['/metrics*'], verbs: [get]}"],
  ])("finds '*' in %s", (field, rule) => {
    const role = parseManifests(
      `{apiVersion: rbac.authorization.k8s.io/v1, kind: Role, metadata: {name: r, namespace: n}, rules: [${rule}]}`,
    );
    expect(wildcardProblems(role)).toEqual([`Role n/r rule 1: '*' in ${field}`]);
  });
});

describe('bindingProblems', () => {
  const binding = (name: string, roleRef: string, subjects: string) =>
    `---\n{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRoleBinding, metadata: {name: ${name}}, roleRef: ${roleRef}, subjects: ${subjects}}\n`;
  const other =
    '---\n{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: epic-other}, rules: []}\n';
  const ours = '{kind: ClusterRole, name: epic-other}';
  const sa = '[{kind: ServiceAccount, name: app, namespace: epic}]';

  it.each([
    [
      'a group',
      binding('b', ours, '[{kind: Group, name: system:authenticated}]'),
      'ClusterRoleBinding b must bind exactly one ServiceAccount',
    ],
    [
      'two accounts',
      binding(
        'b',
        ours,
        '[{kind: ServiceAccount, name: a, namespace: epic}, {kind: ServiceAccount, name: c, namespace: epic}]',
      ),
      'ClusterRoleBinding b must bind exactly one ServiceAccount',
    ],
    [
      'a built-in role',
      binding('b', '{kind: ClusterRole, name: edit}', sa),
      'ClusterRoleBinding b binds ClusterRole edit, which is not ours',
    ],
    [
      'a shared role',
      binding(
        'b',
        '{kind: ClusterRole, name: epic-app}',
        '[{kind: ServiceAccount, name: other, namespace: epic}]',
      ),
      'ClusterRole epic-app is bound more than once: every app gets its own',
    ],
  ])('refuses a binding to %s', (_what, extra, problem) => {
    const yaml = `${rbac.map((o) => JSON.stringify(o)).join('\n---\n')}\n${other}${extra}`;
    expect(bindingProblems(parseManifests(yaml))).toEqual([problem]);
  });
});
