// Address text <-> numbers: one canonical text per address, and only what the apiserver's
// isIP()/isCIDR() accept.
import { describe, expect, it } from 'vitest';
import {
  canonicalAddress,
  formatAddress,
  formatCidr,
  lastOf,
  parseAddress,
  parseCidr,
} from './address.js';

describe('parseAddress / formatAddress', () => {
  it.each([
    ['10.0.0.1', 4, 0x0a000001n, '10.0.0.1'],
    ['0.0.0.0', 4, 0n, '0.0.0.0'],
    ['255.255.255.255', 4, 0xffffffffn, '255.255.255.255'],
    ['2001:db8::1', 6, 0x20010db8000000000000000000000001n, '2001:db8::1'],
    ['2001:DB8:0:0::1', 6, 0x20010db8000000000000000000000001n, '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', 6, 0x20010db8000000000001000000000001n, '2001:db8::1:0:0:1'],
    ['::', 6, 0n, '::'],
    ['::1.2.3.4', 6, 0x01020304n, '::102:304'],
    ['2001:db8:0:0:0:0:1.2.3.4', 6, 0x20010db8000000000000000001020304n, '2001:db8::102:304'],
  ] as const)('%s is IPv%i %s, written %s', (text, family, value, canonical) => {
    expect(parseAddress(text)).toEqual({ family, value });
    expect(formatAddress({ family, value })).toBe(canonical);
    expect(canonicalAddress(text)).toBe(canonical);
  });

  it.each([
    '10.1',
    '010.0.0.1',
    '0x0a.0.0.1',
    '10.0.0.256',
    '::ffff:10.0.0.1',
    'fe80::1%eth0',
    '2001:db8::1::2',
    '',
    ' 10.0.0.1',
  ])('%j is not an address', (text) => {
    expect(parseAddress(text)).toBeUndefined();
    expect(canonicalAddress(text)).toBeUndefined();
  });
});

describe('parseCidr', () => {
  it.each([
    ['10.0.0.0/24', '10.0.0.0/24', '10.0.0.255', false],
    ['10.0.0.9/24', '10.0.0.0/24', '10.0.0.255', true],
    ['10.0.0.7/32', '10.0.0.7/32', '10.0.0.7', false],
    ['2001:db8::/64', '2001:db8::/64', '2001:db8::ffff:ffff:ffff:ffff', false],
    ['2001:db8::1/120', '2001:db8::/120', '2001:db8::ff', true],
  ] as const)('%s is the network %s up to %s', (text, network, last, hostBitsSet) => {
    const cidr = parseCidr(text);
    expect(cidr && formatCidr(cidr)).toBe(network);
    expect(cidr && formatAddress({ family: cidr.family, value: lastOf(cidr) })).toBe(last);
    expect(cidr?.hostBitsSet).toBe(hostBitsSet);
  });

  it.each(['10.0.0.0', '10.0.0.0/33', '2001:db8::/129', '10.0.0.0/-1', 'x/8'])(
    '%j is not a CIDR',
    (text) => expect(parseCidr(text)).toBeUndefined(),
  );
});
