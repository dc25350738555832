// Pools as written in a ServicePrefix: what each hands out, and every way one can be wrong.
import { describe, expect, it } from 'vitest';
import type { AddressPool } from '@epic/model';
import { formatAddress } from './address.js';
import { aggregateRoute, notInPool, parsePool, podAddressCidr } from './pool.js';
import { poolOf } from './testdata/index.js';

const label = 'ServicePrefix "test" public-pool';

function spec(pool: string, subnet: string, aggregation = 'default'): AddressPool {
  return { pool, subnet, aggregation, 'multus-bridge': 'multus0' };
}

interface Valid {
  pool: string;
  subnet: string;
  aggregation?: string;
  first: string;
  last: string;
  size: bigint;
  reserved: string[];
  route: number;
}

describe('parsePool: valid pools', () => {
  const cases: Valid[] = [
    // A CIDR pool: its network and broadcast address are never handed out.
    {
      pool: '10.0.0.0/24',
      subnet: '10.0.0.0/24',
      first: '10.0.0.0',
      last: '10.0.0.255',
      size: 254n,
      reserved: ['10.0.0.0', '10.0.0.255'],
      route: 24,
    },
    {
      pool: '10.0.0.0/30',
      subnet: '10.0.0.0/24',
      first: '10.0.0.0',
      last: '10.0.0.3',
      size: 2n,
      reserved: ['10.0.0.0', '10.0.0.3'],
      route: 24,
    },
    {
      pool: '10.0.0.16/28',
      subnet: '10.0.0.0/24',
      aggregation: '/32',
      first: '10.0.0.16',
      last: '10.0.0.31',
      size: 14n,
      reserved: ['10.0.0.16', '10.0.0.31'],
      route: 32,
    },
    // /31 and /32 have no network or broadcast address (RFC 3021).
    {
      pool: '10.0.0.4/31',
      subnet: '10.0.0.0/24',
      first: '10.0.0.4',
      last: '10.0.0.5',
      size: 2n,
      reserved: [],
      route: 24,
    },
    {
      pool: '10.0.0.7/32',
      subnet: '10.0.0.0/24',
      aggregation: '32',
      first: '10.0.0.7',
      last: '10.0.0.7',
      size: 1n,
      reserved: [],
      route: 32,
    },
    // A range: every address in it, except the subnet's own network and broadcast.
    {
      pool: '192.168.77.2-192.168.77.8',
      subnet: '192.168.77.0/24',
      first: '192.168.77.2',
      last: '192.168.77.8',
      size: 7n,
      reserved: [],
      route: 24,
    },
    {
      pool: ' 192.168.77.0 - 192.168.77.255 ',
      subnet: '192.168.77.0/24',
      first: '192.168.77.0',
      last: '192.168.77.255',
      size: 254n,
      reserved: ['192.168.77.0', '192.168.77.255'],
      route: 24,
    },
    {
      pool: '10.0.0.9-10.0.0.9',
      subnet: '10.0.0.1/24',
      first: '10.0.0.9',
      last: '10.0.0.9',
      size: 1n,
      reserved: [],
      route: 24,
    },
    // IPv6: no broadcast; the subnet's Subnet-Router anycast address is kept out.
    {
      pool: '2001:db8::/120',
      subnet: '2001:db8::/64',
      first: '2001:db8::',
      last: '2001:db8::ff',
      size: 255n,
      reserved: ['2001:db8::'],
      route: 64,
    },
    {
      pool: '2001:db8::100/120',
      subnet: '2001:db8::/64',
      aggregation: '/128',
      first: '2001:db8::100',
      last: '2001:db8::1ff',
      size: 256n,
      reserved: [],
      route: 128,
    },
    {
      pool: '2001:470:154:5::1-2001:470:154:5::ffff',
      subnet: '2001:470:154:5::/64',
      aggregation: '/128',
      first: '2001:470:154:5::1',
      last: '2001:470:154:5::ffff',
      size: 65535n,
      reserved: [],
      route: 128,
    },
    {
      pool: '2001:db8::/64',
      subnet: '2001:db8::/64',
      first: '2001:db8::',
      last: '2001:db8::ffff:ffff:ffff:ffff',
      size: 2n ** 64n - 1n,
      reserved: ['2001:db8::'],
      route: 64,
    },
    {
      pool: '2001:db8::/127',
      subnet: '2001:db8::/127',
      first: '2001:db8::',
      last: '2001:db8::1',
      size: 2n,
      reserved: [],
      route: 127,
    },
  ];

  it.each(cases)('$pool in $subnet', (c) => {
    const parsed = parsePool(spec(c.pool, c.subnet, c.aggregation), label);
    expect(parsed.ok, parsed.ok ? '' : parsed.message).toBe(true);
    if (!parsed.ok) return;
    const { pool } = parsed;
    const text = (value: bigint) => formatAddress({ family: pool.family, value });
    expect(text(pool.first)).toBe(c.first);
    expect(text(pool.last)).toBe(c.last);
    expect(pool.size).toBe(c.size);
    expect(pool.reserved.map(text)).toEqual(c.reserved);
    expect(pool.aggregation).toBe(c.route);
    expect(pool.text).toBe(c.pool);
    expect(pool.label).toBe(label);
  });
});

describe('parsePool: clear errors', () => {
  it.each([
    [
      '10.0.1.0/24',
      '10.0.0.0/24',
      'default',
      'pool "10.0.1.0/24" is not inside subnet "10.0.0.0/24": every pool address must lie in the subnet',
    ],
    ['10.0.0.250-10.0.1.5', '10.0.0.0/24', 'default', 'is not inside subnet'],
    ['10.0.0.0/23', '10.0.0.0/24', 'default', 'is not inside subnet'],
    [
      '10.0.0.9-10.0.0.2',
      '10.0.0.0/24',
      'default',
      'pool "10.0.0.9-10.0.0.2" runs backwards: its first address is above its last',
    ],
    ['10.0.0.1-2001:db8::1', '10.0.0.0/24', 'default', 'mixes IPv4 and IPv6'],
    [
      '2001:db8::/120',
      '10.0.0.0/24',
      'default',
      'pool "2001:db8::/120" is IPv6 but subnet "10.0.0.0/24" is IPv4',
    ],
    [
      '10.0.0.5/24',
      '10.0.0.0/24',
      'default',
      'pool "10.0.0.5/24" has host bits set: write the network 10.0.0.0/24 or a range a-b',
    ],
    [
      '10.0.0.0/24',
      '10.0.0.0/24',
      '/64',
      'aggregation "/64" does not fit an IPv4 address (use "default" or /24../32)',
    ],
    [
      '10.0.0.0/24',
      '10.0.0.0/24',
      '/16',
      'aggregation "/16" is shorter than the subnet\'s /24: its route would cover addresses outside the subnet',
    ],
    [
      '10.0.0.0/32',
      '10.0.0.0/24',
      'default',
      'pool "10.0.0.0/32" holds no address that can be handed out',
    ],
    [
      'pool',
      '10.0.0.0/24',
      'default',
      'pool "pool" is neither a CIDR nor a range of two addresses (a-b)',
    ],
    ['10.0.0.1-10.0.0.2-10.0.0.3', '10.0.0.0/24', 'default', 'is neither a CIDR nor a range'],
    ['10.0.0.0/24', '10.0.0.0', 'default', 'subnet "10.0.0.0" is not a CIDR'],
  ])('%s in %s (aggregation %s): %s', (pool, subnet, aggregation, message) => {
    const parsed = parsePool(spec(pool, subnet, aggregation), label);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.message.startsWith(`${label}: `)).toBe(true);
    expect(parsed.message).toContain(message);
  });
});

describe('notInPool', () => {
  const pool = poolOf('10.0.0.0/29', '10.0.0.0/24');
  it.each([
    ['10.0.0.1', undefined],
    ['10.0.0.6', undefined],
    [
      '10.0.0.0',
      '10.0.0.0 is a network or broadcast address of ServicePrefix "test" public-pool (pool 10.0.0.0/29) and is never handed out',
    ],
    ['10.0.0.7', 'is a network or broadcast address'],
    ['10.0.0.8', '10.0.0.8 is not in ServicePrefix "test" public-pool (pool 10.0.0.0/29)'],
    ['2001:db8::1', 'is not in'],
    ['ten', '"ten" is not an IP address'],
  ])('%s: %s', (address, why) => {
    const got = notInPool(pool, address);
    if (why === undefined) expect(got).toBeUndefined();
    else expect(got).toContain(why);
  });
});

describe('what the Envoy pod and its node get', () => {
  it.each([
    {
      pool: '10.0.0.0/24',
      subnet: '10.0.0.0/24',
      agg: 'default',
      address: '10.0.0.7',
      pod: '10.0.0.7/24',
      route: '10.0.0.0/24',
    },
    {
      pool: '10.0.0.0/24',
      subnet: '10.0.0.0/16',
      agg: '/32',
      address: '10.0.0.7',
      pod: '10.0.0.7/16',
      route: '10.0.0.7/32',
    },
    {
      pool: '10.0.0.0/24',
      subnet: '10.0.0.0/16',
      agg: '/20',
      address: '10.0.0.7',
      pod: '10.0.0.7/16',
      route: '10.0.0.0/20',
    },
    {
      pool: '2001:db8::/120',
      subnet: '2001:db8::/64',
      agg: '/128',
      address: '2001:db8::5',
      pod: '2001:db8::5/64',
      route: '2001:db8::5/128',
    },
    {
      pool: '2001:db8::/120',
      subnet: '2001:db8::/64',
      agg: '120',
      address: '2001:db8::5',
      pod: '2001:db8::5/64',
      route: '2001:db8::/120',
    },
    {
      pool: '2001:db8::/120',
      subnet: '2001:db8::/64',
      agg: 'default',
      address: '2001:db8::5',
      pod: '2001:db8::5/64',
      route: '2001:db8::/64',
    },
  ])(
    'pool $pool subnet $subnet aggregation $agg: $address is $pod on the pod, route $route',
    (c) => {
      const pool = poolOf(c.pool, c.subnet, c.agg);
      expect(podAddressCidr(pool, c.address)).toBe(c.pod);
      expect(aggregateRoute(pool, c.address)).toBe(c.route);
    },
  );

  it('refuses a route for an address of the other family', () => {
    expect(() => aggregateRoute(poolOf('10.0.0.0/24', '10.0.0.0/24'), '2001:db8::1')).toThrow(
      /not an IPv4 address/,
    );
  });
});
