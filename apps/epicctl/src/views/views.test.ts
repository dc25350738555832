import { describe, expect, it } from 'vitest';
import { renderReport } from '../format/report.js';
import { account, group, loadBalancer, now, prefix, seedLb, tunnels } from '../testdata/objects.js';
import type { NamespaceInfo } from '../cluster.js';
import {
  accountDetailsReport,
  accountListReport,
  accountRows,
  accountState,
} from './account-views.js';
import { groupDetailsReport, groupListReport, groupOwner, loadBalancersOf } from './group-views.js';
import { formatPorts, lbDetailsReport, lbListReport } from './lb-views.js';
import { groupsUsing, prefixDetailsReport, prefixListReport } from './prefix-views.js';
import { tunnelsOf } from './tunnels.js';

const ns = (name: string, extra: Partial<NamespaceInfo> = {}): NamespaceInfo => ({
  name,
  labels: { 'app.kubernetes.io/component': 'user-namespace', 'app.kubernetes.io/part-of': 'epic' },
  phase: 'Active',
  creationTimestamp: '2026-01-01T00:00:00Z',
  ...extra,
});
const terminating = { phase: 'Terminating', deletionTimestamp: '2026-01-01T00:04:00Z' };

describe('account state', () => {
  it.each([
    ['has a group ID', account('a', { groupId: 3 }), ns('epic-a'), 'Ready'],
    ['no group ID yet', account('a'), ns('epic-a'), 'WaitingForGroupID'],
    ['group ID 0 means none', account('a', { groupId: 0 }), ns('epic-a'), 'WaitingForGroupID'],
    [
      'namespace terminating wins',
      account('a', { groupId: 3 }),
      ns('epic-a', terminating),
      'Terminating',
    ],
    ['namespace without Account', undefined, ns('epic-a'), 'NoAccount'],
    ['namespace gone, Account seen', account('a', { groupId: 3 }), undefined, 'Ready'],
  ] as const)('%s -> %s', (_name, acct, namespace, state) => {
    expect(accountState(acct, namespace)).toBe(state);
  });
});

describe('account list', () => {
  const rows = accountRows(
    [account('zeta', { groupId: 2, serviceId: 5 }), account('acme')],
    [ns('epic-acme'), ns('epic-zeta'), ns('epic-half-made'), ns('epic-going', terminating)],
  );

  it('one row per Account plus user namespaces without one, sorted by name', () => {
    expect(rows.map((r) => [r.account, r.state])).toEqual([
      ['acme', 'WaitingForGroupID'],
      ['going', 'Terminating'],
      ['half-made', 'NoAccount'],
      ['zeta', 'Ready'],
    ]);
  });

  it('prints a table, and only the Accounts as a List for json', () => {
    const report = accountListReport(rows, now);
    expect(renderReport(report, 'table')).toBe(
      [
        'ACCOUNT     NAMESPACE        GROUP-ID   SERVICE-ID   PROXY-LIMIT   STATE               AGE',
        'acme        epic-acme        -          -            20            WaitingForGroupID   300s',
        'going       epic-going       -          -            -             Terminating         300s',
        'half-made   epic-half-made   -          -            -             NoAccount           300s',
        'zeta        epic-zeta        2          5            20            Ready               300s',
        '',
      ]
        .join('\n')
        .replaceAll('300s', '5m'),
    );
    const data = JSON.parse(renderReport(report, 'json')) as {
      kind: string;
      items: { metadata: { name: string } }[];
    };
    expect(data.kind).toBe('List');
    expect(data.items.map((i) => i.metadata.name)).toEqual(['acme', 'zeta']);
  });

  it('says so when there are none', () => {
    expect(renderReport(accountListReport([], now), 'table')).toBe('No accounts found.\n');
  });

  it('details: IDs, counts and service groups', () => {
    const text = renderReport(
      accountDetailsReport(
        {
          account: account('acme', { groupId: 7, serviceId: 2 }),
          namespace: ns('epic-acme'),
          groups: [group('epic-acme', 'web')],
          loadBalancers: 2,
          gwProxies: 0,
        },
        now,
      ),
      'table',
    );
    expect(text).toContain('Namespace:           epic-acme (Active)');
    expect(text).toContain('Group ID:            7');
    expect(text).toContain('Current service ID:  2');
    expect(text).toContain('Load balancers:      2');
    expect(text).toMatch(
      /Service groups:\n {2}NAME +PREFIX +SHARED +REPLICAS\n {2}web +default +false +1\n/,
    );
  });
});

describe('tunnels', () => {
  it('flattens the seed map, ordered by client node', () => {
    expect(tunnelsOf(seedLb().status?.['gue-tunnel-endpoints'])).toEqual([
      { clientNode: '192.168.1.16', epicAddress: '192.168.1.40', epicPort: 6080, tunnelId: 2 },
      { clientNode: '192.168.1.25', epicAddress: '192.168.1.40', epicPort: 6080, tunnelId: 1 },
    ]);
  });

  it('counts a pair repeated in epic-endpoints once, and every other pair', () => {
    const endpoints = {
      '10.0.0.1': {
        'epic-address': '192.168.1.40',
        'epic-port': { port: 6080, protocol: 'UDP' as const, appProtocol: 'gue' },
        'tunnel-id': 5,
        'epic-endpoints': {
          '192.168.1.40': {
            'epic-address': '192.168.1.40',
            'epic-port': { port: 6080, protocol: 'UDP' as const, appProtocol: 'gue' },
            'tunnel-id': 5,
          },
          '192.168.1.41': {
            'epic-address': '192.168.1.41',
            'epic-port': { port: 6080, protocol: 'UDP' as const, appProtocol: 'gue' },
            'tunnel-id': 6,
          },
        },
      },
    };
    expect(tunnelsOf(endpoints).map((t) => t.tunnelId)).toEqual([5, 6]);
    expect(tunnelsOf(undefined)).toEqual([]);
  });
});

describe('load balancer views', () => {
  it.each([
    [undefined, '-'],
    [[], '-'],
    [[{ port: 8888, protocol: 'TCP' as const, nodePort: 30390 }], '8888:30390/TCP'],
    [
      [
        { port: 53, protocol: 'UDP' as const },
        { port: 80, protocol: 'TCP' as const },
      ],
      '53/UDP,80/TCP',
    ],
  ])('ports %j -> %s', (ports, text) => {
    expect(formatPorts(ports)).toBe(text);
  });

  it('lists the seed LB with its address, ports and tunnel count', () => {
    const text = renderReport(lbListReport([seedLb()], now), 'table');
    expect(text.split('\n')[0]).toBe(
      'ACCOUNT   NAME             GROUP    SERVICE-ID   PUBLIC-ADDRESS   PORTS            TUNNELS   AGE',
    );
    expect(text.split('\n')[1]).toBe(
      'root      sample-acnodal   sample   1            192.168.77.2     8888:30390/TCP   2         -',
    );
  });

  it('shows the tunnels of one LB', () => {
    const text = renderReport(lbDetailsReport(seedLb(), now), 'table');
    expect(text).toContain('Proxy interface:    veth67060f1f (ifindex 16)');
    expect(text).toMatch(
      /Tunnels:\n {2}CLIENT-NODE +EPIC-ADDRESS +EPIC-PORT +TUNNEL-ID\n {2}192\.168\.1\.16 +192\.168\.1\.40 +6080 +2\n/,
    );
  });
});

describe('service group views', () => {
  it.each([
    ['epic-acme', 'acme'],
    ['epic', '(system)'],
  ])('a group in %s belongs to %s', (namespace, owner) => {
    expect(groupOwner(group(namespace, 'web'))).toBe(owner);
  });

  it('finds its load balancers by label or spec, in its namespace only', () => {
    const web = group('epic-acme', 'web');
    const lbs = [
      loadBalancer('epic-acme', 'a', { group: 'web' }),
      loadBalancer('epic-acme', 'b', { group: 'other' }),
      loadBalancer('epic-zeta', 'c', { group: 'web' }),
    ];
    expect(loadBalancersOf(web, lbs).map((lb) => lb.metadata.name)).toEqual(['a']);
  });

  it('lists system groups and account groups', () => {
    const text = renderReport(
      groupListReport([group('epic-acme', 'web'), group('epic', 'gatewayhttp')], now),
      'table',
    );
    expect(text).toBe(
      [
        'ACCOUNT    NAME          PREFIX    SHARED   REPLICAS   IMAGE   AGE',
        '(system)   gatewayhttp   default   false    1          -       5m',
        'acme       web           default   false    1          -       5m',
        '',
      ].join('\n'),
    );
  });

  it('details name the prefix, the template state and the LBs', () => {
    const text = renderReport(
      groupDetailsReport(
        group('epic-acme', 'web'),
        [loadBalancer('epic-acme', 'a', { serviceId: 4, address: '192.168.77.3' })],
        now,
      ),
      'table',
    );
    expect(text).toContain('Service prefix:     default');
    expect(text).toContain('Envoy template:     empty');
    expect(text).toMatch(
      /Load balancers:\n {2}NAME +SERVICE-ID +PUBLIC-ADDRESS\n {2}a +4 +192\.168\.77\.3\n/,
    );
  });
});

describe('service prefix views', () => {
  const groups = [
    group('epic-acme', 'web', 'default'),
    group('epic', 'sys', 'default'),
    group('epic-acme', 'v6', 'v6'),
  ];

  it('counts the groups that name each prefix', () => {
    expect(groupsUsing('default', groups)).toHaveLength(2);
    const text = renderReport(
      prefixListReport(
        [prefix('v6', '2001:db8::/120', '2001:db8::/64'), prefix('default')],
        groups,
        now,
      ),
      'table',
    );
    expect(text).toBe(
      [
        'NAME      POOL                        SUBNET            AGGREGATION   ALT-POOL   GROUPS   AGE',
        'default   192.168.77.2-192.168.77.8   192.168.77.0/24   default       -          2        5m',
        'v6        2001:db8::/120              2001:db8::/64     default       -          1        5m',
        '',
      ].join('\n'),
    );
  });

  it('details list the users', () => {
    const text = renderReport(prefixDetailsReport(prefix('default'), groups, now), 'table');
    expect(text).toContain('Public multus bridge:  multus0');
    expect(text).toMatch(/Used by service groups:\n {2}GROUP\n {2}epic-acme\/web\n {2}epic\/sys\n/);
  });
});

it('the tunnels() test helper builds what the views read', () => {
  const lb = loadBalancer('epic-a', 'x', { tunnels: tunnels({ '10.0.0.1': 3 }) });
  expect(tunnelsOf(lb.status?.['gue-tunnel-endpoints'])).toEqual([
    { clientNode: '10.0.0.1', epicAddress: '192.168.1.40', epicPort: 6080, tunnelId: 3 },
  ]);
});
