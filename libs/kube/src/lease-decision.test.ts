import { describe, expect, it } from 'vitest';
import { decideLease } from './lease-decision.js';

const now = new Date('2026-11-25T12:00:00Z');
const secondsAgo = (s: number) => new Date(now.getTime() - s * 1000);

describe('decideLease', () => {
  it.each([
    { case: 'no lease', lease: undefined, want: 'create' },
    {
      case: 'held by me',
      lease: { holder: 'me', renewTime: secondsAgo(1), durationSeconds: 15 },
      want: 'renew',
    },
    {
      case: 'held by me, even if stale',
      lease: { holder: 'me', renewTime: secondsAgo(60), durationSeconds: 15 },
      want: 'renew',
    },
    {
      case: 'held by another, fresh',
      lease: { holder: 'other', renewTime: secondsAgo(5), durationSeconds: 15 },
      want: 'follow',
    },
    {
      case: 'held by another, exactly at expiry',
      lease: { holder: 'other', renewTime: secondsAgo(15), durationSeconds: 15 },
      want: 'follow',
    },
    {
      case: 'held by another, expired',
      lease: { holder: 'other', renewTime: secondsAgo(16), durationSeconds: 15 },
      want: 'take-over',
    },
    {
      case: 'released (no holder)',
      lease: { holder: undefined, renewTime: secondsAgo(1), durationSeconds: 15 },
      want: 'take-over',
    },
    {
      case: 'never renewed',
      lease: { holder: 'other', renewTime: undefined, durationSeconds: 15 },
      want: 'take-over',
    },
  ] as const)('$case -> $want', ({ lease, want }) => {
    expect(decideLease(lease, 'me', now)).toBe(want);
  });
});
