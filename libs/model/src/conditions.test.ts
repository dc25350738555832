import { describe, expect, it } from 'vitest';
import { findCondition, setCondition, type ConditionUpdate } from './conditions.js';

const t0 = new Date('2026-11-25T10:00:00.000Z');
const t1 = new Date('2026-11-25T11:00:00.000Z');
const ready: ConditionUpdate = {
  type: 'IdsAllocated',
  status: 'True',
  reason: 'Allocated',
  message: 'service ID 1 allocated.',
  observedGeneration: 1,
};

describe('setCondition', () => {
  it('appends a new type with the transition time of now, without fractional seconds', () => {
    expect(setCondition(undefined, ready, t0)).toEqual([
      { ...ready, lastTransitionTime: '2026-11-25T10:00:00Z' },
    ]);
  });

  it('returns the same array when the assertion is unchanged (nothing to write)', () => {
    const once = setCondition([], ready, t0);
    expect(setCondition(once, ready, t1)).toBe(once);
  });

  it('keeps the transition time when only the message or reason changes', () => {
    const once = setCondition([], ready, t0);
    const twice = setCondition(once, { ...ready, message: 'service ID 2 allocated.' }, t1);
    expect(twice[0]?.lastTransitionTime).toBe('2026-11-25T10:00:00Z');
    expect(twice[0]?.message).toBe('service ID 2 allocated.');
  });

  it('moves the transition time when the status flips, and replaces in place', () => {
    const other: ConditionUpdate = { ...ready, type: 'Other' };
    const once = setCondition(setCondition([], ready, t0), other, t0);
    const flipped = setCondition(once, { ...ready, status: 'False', reason: 'Exhausted' }, t1);
    expect(flipped.map((c) => c.type)).toEqual(['IdsAllocated', 'Other']);
    expect(findCondition(flipped, 'IdsAllocated')).toMatchObject({
      status: 'False',
      lastTransitionTime: '2026-11-25T11:00:00Z',
    });
    expect(findCondition(flipped, 'Missing')).toBeUndefined();
  });
});
