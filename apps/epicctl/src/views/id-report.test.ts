import { describe, expect, it } from 'vitest';
import { renderReport } from '../format/report.js';
import { account, epic, gwProxy, loadBalancer, tunnels } from '../testdata/objects.js';
import { idHolders, idProblems, idReport, type IdInputs } from './id-report.js';

// The story of a healthy system, then each way it can break.
const healthy: IdInputs = {
  epic: epic({ 'current-group-id': 2, 'current-tunnel-id': 3 }),
  accounts: [
    account('acme', { groupId: 1, serviceId: 2 }),
    account('zeta', { groupId: 2, serviceId: 1 }),
    account('new'),
  ],
  loadBalancers: [
    loadBalancer('epic-acme', 'web', {
      serviceId: 1,
      tunnels: tunnels({ '10.0.0.1': 1, '10.0.0.2': 2 }),
    }),
    loadBalancer('epic-acme', 'api', { serviceId: 2 }),
    loadBalancer('epic-zeta', 'web', { serviceId: 1 }),
    loadBalancer('epic-new', 'pending'),
  ],
  gwProxies: [gwProxy('epic-zeta', 'gw', tunnels({ '10.0.0.9': 3 }))],
};

describe('idHolders', () => {
  it('lists every held ID by kind, scope and ID; 0 and absent hold nothing', () => {
    expect(idHolders(healthy).map((h) => `${h.kind} ${h.scope} ${h.id} ${h.holder}`)).toEqual([
      'group system 1 Account epic-acme/acme',
      'group system 2 Account epic-zeta/zeta',
      'service acme 1 LoadBalancer epic-acme/web',
      'service acme 2 LoadBalancer epic-acme/api',
      'service zeta 1 LoadBalancer epic-zeta/web',
      'tunnel system 1 LoadBalancer epic-acme/web 10.0.0.1->192.168.1.40',
      'tunnel system 2 LoadBalancer epic-acme/web 10.0.0.2->192.168.1.40',
      'tunnel system 3 GWProxy epic-zeta/gw 10.0.0.9->192.168.1.40',
    ]);
  });

  it('the same service ID in two accounts is fine', () => {
    expect(idProblems(healthy, idHolders(healthy))).toEqual([]);
  });
});

describe('idProblems', () => {
  it.each<[string, Partial<IdInputs>, string[]]>([
    [
      'a group ID held twice',
      { accounts: [...healthy.accounts, account('copy', { groupId: 2 })] },
      ['group ID 2 is held 2 times: Account epic-copy/copy, Account epic-zeta/zeta'],
    ],
    [
      'a service ID held twice in one account',
      {
        loadBalancers: [
          ...healthy.loadBalancers,
          loadBalancer('epic-acme', 'dup', { serviceId: 2 }),
        ],
      },
      [
        'service ID 2 in account acme is held 2 times: LoadBalancer epic-acme/api, LoadBalancer epic-acme/dup',
      ],
    ],
    [
      'a tunnel ID held by a LB and a GWProxy',
      { gwProxies: [gwProxy('epic-zeta', 'gw', tunnels({ '10.0.0.9': 2 }))] },
      [
        'tunnel ID 2 is held 2 times: GWProxy epic-zeta/gw 10.0.0.9->192.168.1.40, LoadBalancer epic-acme/web 10.0.0.2->192.168.1.40',
      ],
    ],
    [
      'EPIC counters behind the held IDs',
      { epic: epic({ 'current-group-id': 1, 'current-tunnel-id': 2 }) },
      [
        'group ID 2 of Account epic-zeta/zeta is above EPIC current-group-id (1): the next claim would hand it out again',
        'tunnel ID 3 of GWProxy epic-zeta/gw 10.0.0.9->192.168.1.40 is above EPIC current-tunnel-id (2): the next claim would hand it out again',
      ],
    ],
    [
      'an account counter behind its LBs',
      {
        accounts: [
          account('acme', { groupId: 1, serviceId: 1 }),
          account('zeta', { groupId: 2, serviceId: 1 }),
        ],
      },
      [
        'service ID 2 of LoadBalancer epic-acme/api is above Account acme current-service-id (1): the next claim would hand it out again',
      ],
    ],
    ['no EPIC: counters unknown, duplicates still found', { epic: undefined }, []],
  ])('%s', (_name, change, problems) => {
    const inputs = { ...healthy, ...change };
    expect(idProblems(inputs, idHolders(inputs))).toEqual(problems);
  });
});

describe('idReport', () => {
  it('prints counters, accounts, holders and the verdict', () => {
    const text = renderReport(idReport(healthy), 'table');
    expect(text).toMatch(
      /^EPIC epic\/epic:\n {2}current-group-id: {3}2\n {2}current-tunnel-id: {2}3\n/,
    );
    expect(text).toMatch(/ {2}acme +epic-acme +1 +2 +2\n/);
    expect(text).toMatch(/ {2}new +epic-new +- +- +0\n/);
    expect(text).toMatch(
      / {2}tunnel +3 +system +GWProxy epic-zeta\/gw 10\.0\.0\.9->192\.168\.1\.40\n/,
    );
    expect(text.trimEnd().endsWith('No problems found.')).toBe(true);
  });

  it('works without the EPIC singleton', () => {
    const report = idReport({ ...healthy, epic: undefined });
    expect(renderReport(report, 'table')).toMatch(/^EPIC epic\/epic: not found/);
    expect((report.data as { epic: unknown }).epic).toBeNull();
  });

  it('json carries the same facts for scripts', () => {
    const data = JSON.parse(renderReport(idReport(healthy), 'json')) as {
      epic: unknown;
      accounts: unknown[];
      holders: unknown[];
      problems: string[];
    };
    expect(data.epic).toEqual({ 'current-group-id': 2, 'current-tunnel-id': 3 });
    expect(data.accounts[0]).toEqual({
      account: 'acme',
      namespace: 'epic-acme',
      'group-id': 1,
      'current-service-id': 2,
      'service-ids-held': 2,
    });
    expect(data.holders).toHaveLength(8);
    expect(data.problems).toEqual([]);
  });
});
