import { describe, expect, it } from 'vitest';
import { appAccess, neededGrants, parseAccessLine } from './app-access.js';
import { grantText } from '@epic/manifests';

describe('parseAccessLine', () => {
  it.each([
    ['get core/nodes', ['cluster get core/nodes']],
    [
      'list,watch core/pods,namespaces',
      [
        'cluster list core/pods',
        'cluster list core/namespaces',
        'cluster watch core/pods',
        'cluster watch core/namespaces',
      ],
    ],
    [
      'update epic.acnodal.io/epics/status name=epic',
      ['cluster update epic.acnodal.io/epics/status name=epic'],
    ],
    ['patch apps/deployments', ['cluster patch apps/deployments']],
  ])('%s', (line, expected) => {
    expect(parseAccessLine(line, { kind: 'cluster' }).map(grantText)).toEqual(expected);
  });

  it.each(['get', 'get pods', 'GET core/pods', 'get core/pods name='])('refuses %j', (line) => {
    expect(() => parseAccessLine(line, { kind: 'cluster' })).toThrow(/not an access line/);
  });
});

describe('appAccess', () => {
  it('parses, one entry per ServiceAccount', () => {
    const accounts = appAccess.map((a) => a.serviceAccount);
    expect(new Set(accounts).size).toBe(accounts.length);
    for (const access of appAccess) expect(() => neededGrants(access, 'epic')).not.toThrow();
  });

  it('puts core-namespace grants in the install namespace', () => {
    const ingest = appAccess.find((a) => a.serviceAccount === 'ingest')!;
    expect(neededGrants(ingest, 't-x').map(grantText)).toContain(
      'namespace:t-x get coordination.k8s.io/leases name=epic-ingest',
    );
  });

  it('never needs a wildcard, Secrets, or RBAC objects', () => {
    const all = appAccess.flatMap((a) => neededGrants(a, 'epic'));
    expect(all.filter((g) => g.verb === '*' || g.resource.includes('*'))).toEqual([]);
    expect(all.filter((g) => g.resource === 'secrets')).toEqual([]);
    expect(all.filter((g) => g.group === 'rbac.authorization.k8s.io')).toEqual([]);
  });
});
