// The AddressAllocated condition and Event for each outcome: stable sentences that say the fix.
import { describe, expect, it } from 'vitest';
import { allocatedReport, refusedReport } from './address-condition.js';

describe('address reports', () => {
  it('says which addresses came from which ServicePrefix', () => {
    expect(allocatedReport({ address: '10.0.0.7', servicePrefix: 'default' }, 3)).toEqual({
      condition: {
        type: 'AddressAllocated',
        status: 'True',
        reason: 'Allocated',
        message: 'Public address 10.0.0.7 allocated from ServicePrefix default.',
        observedGeneration: 3,
      },
      event: {
        type: 'Normal',
        reason: 'AddressAllocated',
        message: 'Public address 10.0.0.7 allocated from ServicePrefix default.',
      },
    });
    expect(
      allocatedReport({ address: '2001:db8::1', altAddress: '10.42.1.2', servicePrefix: 'v6' }, 1)
        .condition.message,
    ).toBe('Public address 2001:db8::1 and alt address 10.42.1.2 allocated from ServicePrefix v6.');
  });

  it.each([
    [
      'PoolExhausted',
      'pool exhausted: ServicePrefix "x" public-pool (pool 10.0.0.0/30) has 2 addresses and all are in use; add addresses to the pool, or delete load balancers that no longer need theirs',
      'Pool exhausted: ServicePrefix "x" public-pool (pool 10.0.0.0/30) has 2 addresses and all are in use; add addresses to the pool, or delete load balancers that no longer need theirs.',
    ],
    [
      'AddressUnavailable',
      '10.0.0.3 is already in use in ServicePrefix "x" public-pool and not shared',
      '10.0.0.3 is already in use in ServicePrefix "x" public-pool and not shared. Set spec.public-address to a free address of the pool, or remove it to get one.',
    ],
    [
      'InvalidPool',
      'ServicePrefix "x" public-pool: pool "10.0.0.9-10.0.0.2" runs backwards: its first address is above its last',
      'ServicePrefix "x" public-pool: pool "10.0.0.9-10.0.0.2" runs backwards: its first address is above its last. Fix the ServicePrefix; allocation resumes on its own.',
    ],
    [
      'ServicePrefixNotFound',
      'service group "web" exists neither in epic-acme nor in epic: create it or fix spec.service-group',
      'Service group "web" exists neither in epic-acme nor in epic: create it or fix spec.service-group.',
    ],
  ] as const)('%s', (reason, detail, message) => {
    const report = refusedReport({ reason, message: detail }, 4);
    expect(report.condition).toEqual({
      type: 'AddressAllocated',
      status: 'False',
      reason,
      message,
      observedGeneration: 4,
    });
    expect(report.event).toEqual({ type: 'Warning', reason, message });
  });
});
