import { describe, expect, it } from 'vitest';
import { accessPlan, questionText } from './access-plan.js';
import type { AppAccess } from './app-access.js';

const apps: AppAccess[] = [
  { app: 'a', serviceAccount: 'a', cluster: ['get epic.acnodal.io/accounts'], core: [], why: '' },
  {
    app: 'b',
    serviceAccount: 'b',
    cluster: [],
    core: ['get epic.acnodal.io/accounts', 'update epic.acnodal.io/epics/status name=epic'],
    why: '',
  },
];

describe('accessPlan', () => {
  const plan = accessPlan('t', 'default', apps);
  const texts = (qs: typeof plan.allowed) => qs.map(questionText);

  it('asks that every app may do what it needs, cluster grants across all namespaces', () => {
    expect(texts(plan.allowed)).toEqual([
      'a: cluster get epic.acnodal.io/accounts',
      'b: namespace:t get epic.acnodal.io/accounts',
      'b: namespace:t update epic.acnodal.io/epics/status name=epic',
    ]);
    expect(plan.allowed.map((q) => q.namespace)).toEqual(['', 't', 't']);
  });

  it("asks that each may not do the others' part, unless its own grants imply it", () => {
    const deniedA = texts(plan.denied).filter((t) => t.startsWith('a: ') && t.includes('acnodal'));
    const deniedB = texts(plan.denied).filter((t) => t.startsWith('b: ') && t.includes('acnodal'));
    // a's cluster-wide get implies b's get in t; b's update of the singleton is b's alone.
    expect(deniedA).toEqual(['a: namespace:t update epic.acnodal.io/epics/status name=epic']);
    expect(deniedB).toEqual([
      'b: cluster get epic.acnodal.io/accounts',
      'b: namespace:default get epic.acnodal.io/accounts',
      'b: namespace:default update epic.acnodal.io/epics/status name=epic',
    ]);
  });

  it('asks that nobody reads Secrets or changes RBAC, anywhere', () => {
    for (const account of ['a', 'b']) {
      expect(texts(plan.denied)).toContain(`${account}: cluster get core/secrets`);
      expect(texts(plan.denied)).toContain(`${account}: namespace:t list core/secrets`);
      expect(texts(plan.denied)).toContain(
        `${account}: cluster bind rbac.authorization.k8s.io/clusterroles`,
      );
    }
  });
});
