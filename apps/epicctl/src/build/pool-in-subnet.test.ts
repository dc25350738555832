import { describe, expect, it } from 'vitest';
import { poolOutsideSubnet } from './pool-in-subnet.js';

describe('poolOutsideSubnet', () => {
  it.each([
    ['192.168.77.2-192.168.77.8', '192.168.77.0/24'],
    ['192.168.77.0/24', '192.168.77.0/24'],
    ['192.168.77.128/25', '192.168.77.0/24'],
    ['192.168.77.5-192.168.77.5', '192.168.77.0/24'],
    ['10.0.0.2 - 10.0.0.9', '10.0.0.0/8'],
    ['2001:db8::10-2001:db8::20', '2001:db8::/64'],
    ['2001:db8::/120', '2001:db8::/64'],
  ])('%s fits in %s', (pool, subnet) => {
    expect(poolOutsideSubnet(pool, subnet)).toBeUndefined();
  });

  it.each([
    [
      '192.168.78.2-192.168.78.8',
      '192.168.77.0/24',
      'pool 192.168.78.2-192.168.78.8 is not inside subnet 192.168.77.0/24',
    ],
    ['192.168.77.250-192.168.78.2', '192.168.77.0/24', 'is not inside subnet'],
    ['192.168.77.0/23', '192.168.77.0/24', 'is not inside subnet'],
    ['192.168.77.9-192.168.77.2', '192.168.77.0/24', 'ends before it starts'],
    ['2001:db8::/120', '192.168.77.0/24', 'are not the same IP family'],
    ['192.168.77.2-2001:db8::1', '192.168.77.0/24', 'are not the same IP family'],
    ['pool', '192.168.77.0/24', 'is neither a CIDR nor a range'],
    ['10.0.0.0/33', '10.0.0.0/8', 'is not a CIDR'],
    ['10.0.0.1-10.0.0.2', '10.0.0.0', 'subnet "10.0.0.0" is not a CIDR'],
  ])('%s in %s: %s', (pool, subnet, why) => {
    expect(poolOutsideSubnet(pool, subnet)).toContain(why);
  });
});
