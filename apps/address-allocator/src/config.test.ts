// address-allocator's settings: defaults, limits, and the scope of a replica.
import { describe, expect, it } from 'vitest';
import { loadAddressAllocatorConfig, scope } from './config.js';

describe('loadAddressAllocatorConfig', () => {
  it('has defaults for everything', () => {
    const config = loadAddressAllocatorConfig({});
    expect(config.concurrency).toBe(64);
    expect(config.batching).toEqual({ maxBatch: 256, attempts: 12, lingerMs: 50 });
    expect(config.inScope({ kind: 'LoadBalancer', namespace: 'epic-anyone', name: 'x' })).toBe(
      true,
    );
  });

  it('reads its keys and names every bad one', () => {
    const config = loadAddressAllocatorConfig({
      EPIC_ADDRESS_CONCURRENCY: '8',
      EPIC_ADDRESS_MAX_BATCH: '64',
      EPIC_ADDRESS_LINGER_MS: '0',
      EPIC_ADDRESS_NAMESPACES: 'epic-a, epic-b',
    });
    expect(config.concurrency).toBe(8);
    expect(config.batching).toMatchObject({ maxBatch: 64, lingerMs: 0 });
    expect(() =>
      loadAddressAllocatorConfig({ EPIC_ADDRESS_CONCURRENCY: '0', EPIC_ADDRESS_LINGER_MS: 'soon' }),
    ).toThrow(/EPIC_ADDRESS_CONCURRENCY: .*; EPIC_ADDRESS_LINGER_MS: /);
  });
});

describe('scope', () => {
  it.each([
    { ns: [], sps: [], kind: 'LoadBalancer', namespace: 'epic-a', name: 'web', served: true },
    {
      ns: ['epic-a'],
      sps: [],
      kind: 'LoadBalancer',
      namespace: 'epic-a',
      name: 'web',
      served: true,
    },
    { ns: ['epic-a'], sps: [], kind: 'GWProxy', namespace: 'epic-b', name: 'gw', served: false },
    {
      ns: ['epic-a'],
      sps: [],
      kind: 'ServicePrefix',
      namespace: 'epic',
      name: 'default',
      served: true,
    },
    {
      ns: [],
      sps: ['mine'],
      kind: 'ServicePrefix',
      namespace: 'epic',
      name: 'default',
      served: false,
    },
    { ns: [], sps: ['mine'], kind: 'ServicePrefix', namespace: 'epic', name: 'mine', served: true },
    { ns: [], sps: [], kind: 'ServicePrefix', namespace: 'elsewhere', name: 'mine', served: false },
  ] as const)('namespaces $ns, prefixes $sps: $kind $namespace/$name -> $served', (c) => {
    expect(scope(c.ns, c.sps)({ kind: c.kind, namespace: c.namespace, name: c.name })).toBe(
      c.served,
    );
  });
});
