// Allocation as MetalLB-style stories: a pool, a record, and steps (batches of requests,
// releases); after every step the invariants below must hold, and repeating the step's decision
// on its own result must change nothing.
import { describe, expect, it } from 'vitest';
import type { AddressClaims } from '@epic/model';
import { canonicalAddress } from './address.js';
import { allocate, type AddressRequest, type AddressResult } from './allocate.js';
import { notInPool, type ParsedPool } from './pool.js';
import { release } from './release.js';
import { ownerNamed, poolOf } from './testdata/index.js';

/** `'a'` asks for any address for owner a; the object form names an address or a sharing key. */
type Ask = string | { owner: string; address?: string; key?: string };

type Step =
  /** One batch; `expect` per request: the address, `<address> <outcome>` unless claimed, or the failure reason. */
  | { allocate: Ask[]; expect: string[]; messages?: Record<number, string> }
  | { release: string[]; freed: string[] };

interface World {
  pool: ParsedPool;
  claims: AddressClaims;
}

function request(ask: Ask): AddressRequest {
  if (typeof ask === 'string') return { owner: ownerNamed(ask) };
  return {
    owner: ownerNamed(ask.owner),
    ...(ask.address === undefined ? {} : { address: ask.address }),
    ...(ask.key === undefined ? {} : { sharingKey: ask.key }),
  };
}

function shown(result: AddressResult): string {
  if (!result.ok) return result.reason;
  return result.outcome === 'claimed' ? result.address : `${result.address} ${result.outcome}`;
}

function holdings(claims: AddressClaims): Map<string, string> {
  const held = new Map<string, string>();
  for (const [address, claim] of Object.entries(claims)) {
    for (const owner of claim.owners) held.set(owner.uid, address);
  }
  return held;
}

function checkInvariants(world: World, before: Map<string, string>, step: Step): void {
  const seen = new Set<string>();
  let inPool = 0n;
  for (const [address, claim] of Object.entries(world.claims)) {
    expect(canonicalAddress(address), 'keys are canonical addresses').toBe(address);
    if (!new Set(before.values()).has(address)) {
      expect(notInPool(world.pool, address), `${address} lies in the pool`).toBeUndefined();
    }
    expect(claim.owners.length, `${address} has an owner`).toBeGreaterThan(0);
    if (claim.owners.length > 1)
      expect(claim['sharing-key'], `${address} is shared by key`).toBeDefined();
    for (const owner of claim.owners) {
      expect(seen.has(owner.uid), `${owner.name} holds one address`).toBe(false);
      seen.add(owner.uid);
    }
    if (notInPool(world.pool, address) === undefined) inPool++;
  }
  expect(inPool <= world.pool.size, 'no more claims than addresses').toBe(true);
  const after = holdings(world.claims);
  const moved = new Set(
    'allocate' in step
      ? step.allocate.flatMap((a) => (typeof a === 'object' && a.address ? [`uid-${a.owner}`] : []))
      : step.release.map((name) => `uid-${name}`),
  );
  for (const [uid, address] of before) {
    if (!moved.has(uid)) expect(after.get(uid), `${uid} keeps ${address}`).toBe(address);
  }
}

function apply(world: World, step: Step): void {
  if ('release' in step) {
    const uids = step.release.map((name) => `uid-${name}`);
    const result = release(world.claims, uids);
    const freed = [...new Set(result.released.map((r) => r.address))].filter(
      (a) => !(a in result.claims),
    );
    expect(freed).toEqual(step.freed);
    world.claims = result.claims;
    expect(release(world.claims, uids).changed, 'a second release changes nothing').toBe(false);
    return;
  }
  const requests = step.allocate.map(request);
  const result = allocate(world.pool, world.claims, requests);
  expect(result.results.map(shown)).toEqual(step.expect);
  for (const [i, text] of Object.entries(step.messages ?? {})) {
    const r = result.results[Number(i)];
    expect(r && !r.ok ? r.message : '').toContain(text);
  }
  expect(result.changed).toBe(
    result.claims !== world.claims &&
      JSON.stringify(result.claims) !== JSON.stringify(world.claims),
  );
  world.claims = result.claims;
  const again = allocate(world.pool, world.claims, requests);
  expect(again.changed, 'the same decision again writes nothing').toBe(false);
}

function runStory(pool: ParsedPool, steps: Step[], claims: AddressClaims = {}): World {
  const world: World = { pool, claims };
  for (const step of steps) {
    const before = holdings(world.claims);
    apply(world, step);
    checkInvariants(world, before, step);
  }
  return world;
}

describe('address allocation stories', () => {
  it('fills a /30, is exhausted naming the pool and its size, reuses a freed address', () => {
    runStory(poolOf('10.0.0.0/30', '10.0.0.0/24'), [
      { allocate: ['a', 'b'], expect: ['10.0.0.1', '10.0.0.2'] },
      {
        allocate: ['c'],
        expect: ['PoolExhausted'],
        messages: {
          0: 'pool exhausted: ServicePrefix "test" public-pool (pool 10.0.0.0/30) has 2 addresses and all are in use',
        },
      },
      { allocate: ['a', 'b'], expect: ['10.0.0.1 held', '10.0.0.2 held'] },
      { release: ['a'], freed: ['10.0.0.1'] },
      { release: ['a'], freed: [] },
      { allocate: ['c'], expect: ['10.0.0.1'] },
      { allocate: ['d'], expect: ['PoolExhausted'] },
    ]);
  });

  it('a /24 holds 254, never .0 or .255', () => {
    const pool = poolOf('10.0.0.0/24', '10.0.0.0/24');
    const names = Array.from({ length: 255 }, (_, i) => `lb-${i}`);
    const world = runStory(pool, [
      {
        allocate: names,
        expect: [...names.slice(0, 254).map((_, i) => `10.0.0.${i + 1}`), 'PoolExhausted'],
        messages: { 254: 'has 254 addresses and all are in use' },
      },
      { release: ['lb-100'], freed: ['10.0.0.101'] },
      { allocate: ['lb-254'], expect: ['10.0.0.101'] },
    ]);
    expect(Object.keys(world.claims)).toHaveLength(254);
  });

  it('decides a batch at once: named requests first, then the lowest free addresses', () => {
    runStory(poolOf('10.0.0.0/29', '10.0.0.0/24'), [
      {
        allocate: [
          'a',
          { owner: 'b', address: '10.0.0.1' },
          'c',
          { owner: 'd', address: '10.0.0.6' },
        ],
        expect: ['10.0.0.2', '10.0.0.1', '10.0.0.3', '10.0.0.6'],
      },
      { allocate: ['e', 'f', 'g'], expect: ['10.0.0.4', '10.0.0.5', 'PoolExhausted'] },
    ]);
  });

  it('a named address is given only when it is in the pool and free, else a clear reason', () => {
    runStory(poolOf('10.0.0.0/29', '10.0.0.0/24'), [
      { allocate: [{ owner: 'a', address: '10.0.0.3' }], expect: ['10.0.0.3'] },
      {
        allocate: [
          { owner: 'b', address: '10.0.0.3' },
          { owner: 'c', address: '10.0.0.9' },
          { owner: 'd', address: '10.0.0.0' },
          { owner: 'e', address: '10.0.0.7' },
          { owner: 'f', address: 'not-an-ip' },
          { owner: 'g', address: '2001:db8::1' },
        ],
        expect: Array<string>(6).fill('AddressUnavailable'),
        messages: {
          0: '10.0.0.3 is already in use in ServicePrefix "test" public-pool and not shared',
          1: '10.0.0.9 is not in ServicePrefix "test" public-pool (pool 10.0.0.0/29)',
          2: '10.0.0.0 is a network or broadcast address',
          3: '10.0.0.7 is a network or broadcast address',
          4: '"not-an-ip" is not an IP address',
          5: '2001:db8::1 is not in',
        },
      },
      { allocate: [{ owner: 'a', address: '10.0.0.3' }], expect: ['10.0.0.3 held'] },
      // Asking for another address moves the owner: the old one is freed in the same write.
      {
        allocate: [{ owner: 'a', address: '10.0.0.5' }, 'b'],
        expect: ['10.0.0.5 moved', '10.0.0.1'],
      },
      { allocate: ['c', 'd'], expect: ['10.0.0.2', '10.0.0.3'] },
      // A failed move keeps what the owner holds.
      { allocate: [{ owner: 'a', address: '10.0.0.1' }], expect: ['AddressUnavailable'] },
      { allocate: ['a'], expect: ['10.0.0.5 held'] },
    ]);
  });

  it('owners with the same sharing key share one address; it is freed with its last owner', () => {
    runStory(poolOf('10.0.0.0/29', '10.0.0.0/24'), [
      { allocate: [{ owner: 'a', key: 'epic-acme/web' }], expect: ['10.0.0.1'] },
      {
        allocate: [{ owner: 'b', key: 'epic-acme/web' }, 'c', { owner: 'd', key: 'epic-acme/api' }],
        expect: ['10.0.0.1 shared', '10.0.0.2', '10.0.0.3'],
      },
      {
        allocate: [
          { owner: 'e', address: '10.0.0.1', key: 'epic-acme/api' },
          { owner: 'f', address: '10.0.0.1' },
          { owner: 'g', address: '10.0.0.2', key: 'epic-acme/web' },
          { owner: 'h', address: '10.0.0.3', key: 'epic-acme/api' },
        ],
        expect: [
          'AddressUnavailable',
          'AddressUnavailable',
          'AddressUnavailable',
          '10.0.0.3 shared',
        ],
        messages: { 0: 'shared under another key', 1: 'shared under another key', 2: 'not shared' },
      },
      { release: ['a'], freed: [] },
      { release: ['b'], freed: ['10.0.0.1'] },
      { allocate: [{ owner: 'i', key: 'epic-acme/web' }], expect: ['10.0.0.1'] },
      { release: ['d', 'h', 'c'], freed: ['10.0.0.3', '10.0.0.2'] },
    ]);
  });

  it('IPv6: a /120 skips the Subnet-Router anycast address; a /64 is never enumerated', () => {
    runStory(poolOf('2001:db8::/120', '2001:db8::/64'), [
      {
        allocate: ['a', 'b', { owner: 'c', address: '2001:DB8::0:ff' }],
        expect: ['2001:db8::1', '2001:db8::2', '2001:db8::ff'],
      },
      { allocate: [{ owner: 'd', address: '2001:db8::' }], expect: ['AddressUnavailable'] },
    ]);
    const big = poolOf('2001:db8::/64', '2001:db8::/64');
    const taken: AddressClaims = {};
    for (let i = 1; i <= 2000; i++)
      taken[`2001:db8::${i.toString(16)}`] = { owners: [ownerNamed(`x${i}`)] };
    runStory(
      big,
      [
        { allocate: ['a', 'b'], expect: ['2001:db8::7d1', '2001:db8::7d2'] },
        {
          allocate: [{ owner: 'c', address: '2001:db8::ffff:ffff:ffff:ffff' }],
          expect: ['2001:db8::ffff:ffff:ffff:ffff'],
        },
      ],
      taken,
    );
  });

  it('an IPv6 range is exhausted like any other', () => {
    runStory(poolOf('2001:db8::10-2001:db8::12', '2001:db8::/64'), [
      {
        allocate: ['a', 'b', 'c', 'd'],
        expect: ['2001:db8::10', '2001:db8::11', '2001:db8::12', 'PoolExhausted'],
        messages: { 3: '(pool 2001:db8::10-2001:db8::12) has 3 addresses' },
      },
      { release: ['b'], freed: ['2001:db8::11'] },
      { allocate: ['d'], expect: ['2001:db8::11'] },
    ]);
  });

  it('a pool that shrank: owners keep what they hold, new requests get what is left', () => {
    const world = runStory(
      poolOf('10.0.0.2-10.0.0.3', '10.0.0.0/24'),
      [
        { allocate: ['old', 'a', 'b'], expect: ['10.0.0.9 held', '10.0.0.2', '10.0.0.3'] },
        { allocate: ['c'], expect: ['PoolExhausted'], messages: { 0: 'has 2 addresses' } },
      ],
      { '10.0.0.9': { owners: [ownerNamed('old')] } },
    ).claims;
    expect(world['10.0.0.9']?.owners.map((o) => o.name)).toEqual(['old']);
  });
});
