import { describe, expect, it } from 'vitest';
import { proxySourceOf } from './proxy-source.js';
import { gwProxy, seedLb } from './testdata/builders.js';

describe('proxySourceOf', () => {
  it("reads the seed's LoadBalancer", () => {
    expect(proxySourceOf(seedLb())).toEqual({
      kind: 'LoadBalancer',
      namespace: 'epic-root',
      name: 'sample-acnodal',
      uid: '1a8522b9-70a4-4a9c-bdd7-ba912a61170a',
      generation: 1,
      serviceGroup: 'sample',
      ports: [{ port: 8888, protocol: 'TCP' }],
      deleting: false,
      finalizers: [],
    });
  });

  it.each([
    {
      when: 'spec.service-group wins over the label',
      spec: { 'service-group': 'own' },
      expected: 'own',
    },
    { when: 'the label is the fallback', spec: {}, expected: 'gateways' },
  ])('a GWProxy: $when', ({ spec, expected }) => {
    expect(proxySourceOf(gwProxy(spec)).serviceGroup).toBe(expected);
  });

  it('sees deletion, finalizers and its own replicas', () => {
    const lb = seedLb(
      { 'envoy-replica-count': 4 },
      { deletionTimestamp: '2025-01-01T00:00:00Z', finalizers: ['a/b'] },
    );
    expect(proxySourceOf(lb)).toMatchObject({ deleting: true, finalizers: ['a/b'], replicas: 4 });
  });
});
