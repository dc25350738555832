// Release by owner uid, and finding claims whose owner is gone.
import { describe, expect, it } from 'vitest';
import type { AddressClaims } from '@epic/model';
import { addressHeldBy, ownersOf, release, staleOwners } from './release.js';
import { ownerNamed } from './testdata/index.js';

const a = ownerNamed('a');
const b = ownerNamed('b');
const c = ownerNamed('c', { namespace: 'epic-other', kind: 'GWProxy' });

const record: AddressClaims = {
  '10.0.0.1': { owners: [a] },
  '10.0.0.2': { owners: [b, c], 'sharing-key': 'k' },
};

describe('release', () => {
  it.each([
    [['uid-a'], ['10.0.0.1'], ['10.0.0.2']],
    [['uid-b'], ['10.0.0.2'], ['10.0.0.1', '10.0.0.2']],
    [['uid-b', 'uid-c'], ['10.0.0.2', '10.0.0.2'], ['10.0.0.1']],
    [['uid-nobody'], [], ['10.0.0.1', '10.0.0.2']],
    [[], [], ['10.0.0.1', '10.0.0.2']],
  ])('releasing %j removes %j and leaves %j', (uids, released, left) => {
    const result = release(record, uids);
    expect(result.released.map((r) => r.address)).toEqual(released);
    expect(Object.keys(result.claims)).toEqual(left);
    expect(result.changed).toBe(released.length > 0);
  });

  it('never mutates the record it was given', () => {
    const before = structuredClone(record);
    release(record, ['uid-a', 'uid-b']);
    expect(record).toEqual(before);
  });

  it('releases an owner a hand edit left on two addresses from both', () => {
    const edited: AddressClaims = { '10.0.0.1': { owners: [a] }, '10.0.0.5': { owners: [a] } };
    expect(release(edited, ['uid-a']).claims).toEqual({});
  });

  it('reads hand-written keys as the address they name', () => {
    const result = release({ '2001:DB8::0:1': { owners: [a] } }, []);
    expect(result.claims).toEqual({ '2001:db8::1': { owners: [a] } });
    expect(result.changed).toBe(true);
  });

  it('an empty or absent record has nothing to release', () => {
    expect(release(undefined, ['uid-a'])).toEqual({ claims: {}, released: [], changed: false });
  });
});

describe('owners and stale claims', () => {
  it('lists each owner once and finds the address it holds', () => {
    expect(ownersOf(record)).toEqual([a, b, c]);
    expect(addressHeldBy(record, 'uid-c')).toBe('10.0.0.2');
    expect(addressHeldBy(record, 'uid-z')).toBeUndefined();
  });

  it.each([
    [['uid-a', 'uid-b', 'uid-c'], []],
    [['uid-a'], ['b', 'c']],
    [[], ['a', 'b', 'c']],
    // A re-created namesake has a new uid: the old claim is stale all the same.
    [['uid-a', 'uid-b', 'new-uid-of-c'], ['c']],
  ])('live %j: stale %j', (live, stale) => {
    expect(staleOwners(record, new Set(live)).map((o) => o.name)).toEqual(stale);
  });
});
