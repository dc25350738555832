import { describe, expect, it } from 'vitest';
import { coveringWildcards, hostnameProblem, routeHostnames } from './hostnames.js';

describe('hostnameProblem', () => {
  it.each([
    ['example.com', undefined],
    ['*.example.com', undefined],
    ['a-b.c1.example', undefined],
    ['10.1.2.3', 'hostname "10.1.2.3" is an IP address, not a DNS name'],
    ['2001:db8::1', 'hostname "2001:db8::1" is an IP address, not a DNS name'],
    [
      'Example.com',
      'hostname "Example.com" is not a valid DNS name (lowercase, optionally "*." first)',
    ],
    ['a.*.com', 'hostname "a.*.com" is not a valid DNS name (lowercase, optionally "*." first)'],
    ['-bad.com', 'hostname "-bad.com" is not a valid DNS name (lowercase, optionally "*." first)'],
    [
      `${'a'.repeat(250)}.com`,
      expect.stringContaining('is not a valid DNS name') as unknown as string,
    ],
  ])('%s -> %s', (hostname, expected) => {
    expect(hostnameProblem(hostname)).toEqual(expected);
  });
});

describe('routeHostnames (Gateway API intersection)', () => {
  it.each<[string | undefined, string[], string[]]>([
    [undefined, [], ['*']],
    [undefined, ['b.com', 'a.com', 'a.com'], ['a.com', 'b.com']],
    ['a.com', [], ['a.com']],
    ['a.com', ['a.com', 'b.com'], ['a.com']],
    [
      '*.example.com',
      ['foo.example.com', 'x.foo.example.com', 'example.com'],
      ['foo.example.com', 'x.foo.example.com'],
    ],
    ['foo.example.com', ['*.example.com'], ['foo.example.com']],
    ['*.example.com', ['*.foo.example.com'], ['*.foo.example.com']],
    ['*.foo.example.com', ['*.example.com'], ['*.foo.example.com']],
    ['*.example.com', ['*.example.com'], ['*.example.com']],
    ['a.com', ['b.com', '*.a.com'], []],
  ])('listener %s, route %j -> %j', (listener, route, expected) => {
    expect(routeHostnames(listener, route)).toEqual(expected);
  });
});

describe('coveringWildcards', () => {
  const hosts = ['*', '*.example.com', '*.foo.example.com', 'a.foo.example.com', 'other.org'];
  it.each([
    ['a.foo.example.com', ['*.foo.example.com', '*.example.com', '*']],
    ['*.foo.example.com', ['*.example.com', '*']],
    ['other.org', ['*']],
    ['*', []],
  ])('%s falls back to %j', (hostname, expected) => {
    expect(coveringWildcards(hostname, hosts)).toEqual(expected);
  });
});
