import { describe, expect, it } from 'vitest';
import { bundleAll, gatewayGroup } from './proxy-bundles.js';
import {
  endpointSlice,
  gwProxy,
  httpRoute,
  loadBalancer,
  remoteEndpoint,
  serviceGroup,
} from './testdata/index.js';

describe('bundleAll', () => {
  it('gives each LoadBalancer its own endpoints and its group, and each namespace its gateways', () => {
    const { loadBalancers, gateways } = bundleAll({
      loadBalancers: [loadBalancer('a'), loadBalancer('b', {}, 'epic-other')],
      remoteEndpoints: [
        remoteEndpoint('a', 'ea'),
        remoteEndpoint('b', 'eb', {}, 'epic-other'),
        remoteEndpoint('a', 'elsewhere', {}, 'epic-other'),
        {
          ...remoteEndpoint('a', 'unlabelled'),
          metadata: { name: 'u', namespace: 'epic-feature' },
        },
      ],
      groups: [serviceGroup('sg'), serviceGroup('other')],
      gwProxies: [gwProxy('gw')],
      routes: [httpRoute('r', 'gw', []), httpRoute('r', 'gw', [], 'epic-other')],
      slices: [endpointSlice('s', 'svc', { endpoints: [], port: 80 })],
    });
    expect(
      loadBalancers.map((b) => [
        b.lb.metadata.name,
        b.endpoints.map((e) => e.metadata.name),
        b.group?.metadata.name,
      ]),
    ).toEqual([
      ['a', ['ea'], 'sg'],
      ['b', ['eb'], undefined],
    ]);
    expect(gateways).toHaveLength(1);
    expect(gateways[0]).toMatchObject({
      namespace: 'epic-feature',
      routes: [{ metadata: { name: 'r' } }],
    });
    expect([...gateways[0]!.groups.keys()]).toEqual(['sg', 'other']);
  });

  it('falls back to the system group of the name in the core namespace; a group of the account shadows it', () => {
    const { loadBalancers } = bundleAll({
      loadBalancers: [loadBalancer('own'), loadBalancer('sys', { 'service-group': 'shared' })],
      remoteEndpoints: [],
      groups: [
        serviceGroup('sg', undefined, 'epic'),
        serviceGroup('shared', undefined, 'epic'),
        serviceGroup('sg'),
      ],
      gwProxies: [],
      routes: [],
      slices: [],
    });
    expect(
      loadBalancers.map((b) => `${b.group?.metadata.namespace}/${b.group?.metadata.name}`),
    ).toEqual(['epic-feature/sg', 'epic/shared']);
  });

  it.each([
    ['spec.service-group first', gwProxy('g', { 'service-group': 'x' }), 'x'],
    [
      'else the owning-group label',
      {
        ...gwProxy('g', { 'service-group': undefined }),
        metadata: { name: 'g', labels: { 'epic.acnodal.io/owning-lbservicegroup': 'y' } },
      },
      'y',
    ],
  ])('a GWProxy’s group: %s', (_, proxy, group) => {
    expect(gatewayGroup(proxy)).toBe(group);
  });
});
