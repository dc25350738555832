import { describe, expect, it } from 'vitest';
import { isAddressRange, isCIDR, isIPAddress } from './ip-address.js';

describe('isIPAddress (CEL isIP semantics)', () => {
  it.each([
    ['192.168.1.16', true],
    ['0.0.0.0', true],
    ['255.255.255.255', true],
    ['256.1.1.1', false],
    ['192.168.01.1', false],
    ['192.168.1', false],
    ['192.168.1.1.1', false],
    ['', false],
    [' 192.168.1.1', false],
    ['::', true],
    ['::1', true],
    ['2001:db8::1', true],
    ['2001:DB8:0:0:0:0:0:1', true],
    ['1:2:3:4:5:6:7:8', true],
    ['1:2:3:4:5:6:7::', true],
    ['1:2:3:4:5:6:7:8:9', false],
    ['1:2:3:4::5:6:7:8', false],
    ['1::2::3', false],
    ['12345::1', false],
    ['fe80::1%eth0', false],
    ['64:ff9b::192.0.2.1', true],
    ['::ffff:192.168.1.1', false],
    ['::ffff:c0a8:101', false],
    ['2001:db8::/64', false],
    ['epic-node-1', false],
  ])('%s -> %s', (text, expected) => {
    expect(isIPAddress(text)).toBe(expected);
  });
});

describe('isCIDR (CEL isCIDR semantics)', () => {
  it.each([
    ['10.0.0.0/24', true],
    ['10.0.0.1/24', true],
    ['10.0.0.0/0', true],
    ['10.0.0.0/32', true],
    ['10.0.0.0/33', false],
    ['10.0.0.0/024', false],
    ['10.0.0.0', false],
    ['10.0.0.0/', false],
    ['2001:db8::/64', true],
    ['2001:db8::/128', true],
    ['2001:db8::/129', false],
    ['::ffff:10.0.0.0/120', false],
  ])('%s -> %s', (text, expected) => {
    expect(isCIDR(text)).toBe(expected);
  });
});

describe('isAddressRange', () => {
  it.each([
    ['192.168.77.2-192.168.77.8', true],
    ['192.168.77.2 - 192.168.77.8', true],
    ['2001:db8::2-2001:db8::9', true],
    ['192.168.77.2', false],
    ['192.168.77.2-', false],
    ['a-b', false],
    ['1.1.1.1-2.2.2.2-3.3.3.3', false],
  ])('%s -> %s', (text, expected) => {
    expect(isAddressRange(text)).toBe(expected);
  });
});
