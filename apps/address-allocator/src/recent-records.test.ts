// "Held" answered from the last record seen: only exact, recent, complete holdings count.
import { describe, expect, it } from 'vitest';
import { ownerNamed, servicePrefixNamed } from '@epic/address-pool/testdata';
import { RecentRecords } from './recent-records.js';

const gw = ownerNamed('gw', { kind: 'GWProxy' });
const lb = ownerNamed('web');
const v6 = servicePrefixNamed(
  'v6',
  { pool: '2001:db8::/120', subnet: '2001:db8::/64' },
  {
    alt: { pool: '10.42.1.0/24', subnet: '10.42.1.0/24' },
    status: {
      allocations: { '2001:db8::1': { owners: [gw] }, '2001:db8::2': { owners: [lb] } },
      'alt-allocations': { '10.42.1.1': { owners: [gw] } },
    },
  },
);

describe('RecentRecords', () => {
  it.each([
    [
      'an owner asking for nothing in particular',
      { owner: lb, wantsAlt: false },
      { ok: true, address: '2001:db8::2', outcome: 'held' },
    ],
    [
      'an owner naming what it holds (any spelling)',
      { owner: lb, wantsAlt: false, address: '2001:DB8::2' },
      { ok: true, address: '2001:db8::2', outcome: 'held' },
    ],
    [
      'an owner naming another address',
      { owner: lb, wantsAlt: false, address: '2001:db8::9' },
      undefined,
    ],
    ['an owner holding nothing', { owner: ownerNamed('new'), wantsAlt: false }, undefined],
    [
      'a proxy with both addresses',
      { owner: gw, wantsAlt: true },
      {
        ok: true,
        address: '2001:db8::1',
        outcome: 'held',
        altAddress: '10.42.1.1',
        altOutcome: 'held',
      },
    ],
    [
      'a v6 proxy still missing its alt address',
      { owner: { ...lb, kind: 'GWProxy' as const }, wantsAlt: true },
      undefined,
    ],
  ])('%s', (_what, request, held) => {
    const recent = new RecentRecords(1000, () => 0);
    recent.remember(v6);
    expect(recent.held('v6', request)).toEqual(held);
  });

  it('forgets after the TTL, and on demand', () => {
    let now = 0;
    const recent = new RecentRecords(1000, () => now);
    recent.remember(v6);
    expect(recent.holdsAny('v6', ['uid-gone'])).toBe(false);
    expect(recent.holdsAny('v6', ['uid-gone', 'uid-web'])).toBe(true);
    now = 1001;
    expect(recent.held('v6', { owner: lb, wantsAlt: false })).toBeUndefined();
    expect(recent.holdsAny('v6', ['uid-gone'])).toBeUndefined();
    now = 0;
    recent.forget('v6');
    expect(recent.holdsAny('v6', ['uid-web'])).toBeUndefined();
  });
});
