import { describe, expect, it } from 'vitest';
import { claimRange, isAssigned, uint16Max, uint32Max } from './counter.js';

describe('claimRange', () => {
  it.each([
    { case: 'first ID ever (counter 0)', last: 0, count: 1, max: uint16Max, first: 1, next: 1 },
    { case: 'a batch from 0', last: 0, count: 3, max: uint16Max, first: 1, next: 3 },
    {
      case: 'continues after the seed example',
      last: 4,
      count: 2,
      max: uint32Max,
      first: 5,
      next: 6,
    },
    {
      case: 'the last 16-bit ID',
      last: uint16Max - 1,
      count: 1,
      max: uint16Max,
      first: uint16Max,
      next: uint16Max,
    },
    {
      case: 'a batch ending at max',
      last: uint16Max - 3,
      count: 3,
      max: uint16Max,
      first: uint16Max - 2,
      next: uint16Max,
    },
    {
      case: 'above 16 bits in a 32-bit counter',
      last: uint16Max,
      count: 2,
      max: uint32Max,
      first: 65536,
      next: 65537,
    },
    {
      case: 'the last 32-bit ID',
      last: uint32Max - 1,
      count: 1,
      max: uint32Max,
      first: uint32Max,
      next: uint32Max,
    },
  ])('hands out last+1..last+count: $case', ({ last, count, max, first, next }) => {
    expect(claimRange({ last, count, max })).toEqual({ ok: true, first, last: next });
  });

  it.each([
    { case: 'counter at max', last: uint16Max, count: 1, max: uint16Max, remaining: 0 },
    { case: 'batch one too big', last: uint16Max - 2, count: 3, max: uint16Max, remaining: 2 },
    { case: '32-bit counter at max', last: uint32Max, count: 1, max: uint32Max, remaining: 0 },
    {
      case: 'batch larger than the space',
      last: 0,
      count: uint16Max + 1,
      max: uint16Max,
      remaining: uint16Max,
    },
  ])('never wraps: $case is exhausted', ({ last, count, max, remaining }) => {
    const claim = claimRange({ last, count, max });
    expect(claim).toMatchObject({ ok: false, reason: 'exhausted', asked: count, remaining });
    expect(!claim.ok && claim.message).toContain(`only ${remaining} of ${max} remain`);
  });

  it.each([
    { case: 'count 0', last: 0, count: 0, max: uint16Max },
    { case: 'negative count', last: 0, count: -1, max: uint16Max },
    { case: 'fractional count', last: 0, count: 1.5, max: uint16Max },
    { case: 'negative counter', last: -1, count: 1, max: uint16Max },
    { case: 'counter above max', last: uint16Max + 1, count: 1, max: uint16Max },
    { case: 'max 0', last: 0, count: 1, max: 0 },
  ])('throws on a caller bug: $case', ({ last, count, max }) => {
    expect(() => claimRange({ last, count, max })).toThrow(RangeError);
  });
});

describe('isAssigned', () => {
  it.each([
    { id: undefined, assigned: false },
    { id: 0, assigned: false },
    { id: 1, assigned: true },
    { id: uint32Max, assigned: true },
  ])(
    '$id -> $assigned (IDs start at 1; 0 is the zero value, never handed out)',
    ({ id, assigned }) => {
      expect(isAssigned(id)).toBe(assigned);
    },
  );
});
