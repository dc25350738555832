import { describe, expect, it } from 'vitest';
import { accountMayNeedIds, loadBalancerMayNeedIds } from './event-needs.js';

const allocated = {
  conditions: [
    {
      type: 'IdsAllocated',
      status: 'True' as const,
      reason: 'Allocated',
      message: '',
      lastTransitionTime: '2026-11-25T00:00:00Z',
    },
  ],
};
const pending = { conditions: [{ ...allocated.conditions[0]!, status: 'False' as const }] };

describe('which echoes can be skipped', () => {
  it.each([
    { object: {}, needs: true },
    { object: { spec: { 'group-id': 3 } }, needs: true }, // no condition yet
    { object: { spec: { 'group-id': 3 }, status: pending }, needs: true },
    { object: { spec: { 'group-id': 3 }, status: allocated }, needs: false },
  ])('Account $object -> $needs', ({ object, needs }) => {
    expect(accountMayNeedIds(object)).toBe(needs);
  });

  it.each([
    { object: {}, needs: true },
    { object: { spec: { 'service-id': 1 }, status: allocated }, needs: false },
    {
      object: {
        spec: { 'service-id': 1 },
        status: { ...allocated, 'gue-tunnel-endpoints': { a: { 'tunnel-id': 4 } } },
      },
      needs: false,
    },
    {
      object: {
        spec: { 'service-id': 1 },
        status: { ...allocated, 'gue-tunnel-endpoints': { a: {} } },
      },
      needs: true,
    },
    { object: { spec: { 'service-id': 1 }, status: pending }, needs: true },
    { object: { spec: { 'service-id': 0 }, status: allocated }, needs: true },
  ])('LoadBalancer $object -> $needs', ({ object, needs }) => {
    expect(loadBalancerMayNeedIds(object)).toBe(needs);
  });
});
