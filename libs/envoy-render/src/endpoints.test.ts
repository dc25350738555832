import { describe, expect, it } from 'vitest';
import { lbEndpoint, resolveEndpoint, uniqueEndpoints, type TunnelMap } from './endpoints.js';

const tunnels: TunnelMap = {
  '192.168.1.16': {
    'tunnel-id': 2,
    'epic-endpoints': {
      '192.168.1.41': { 'tunnel-id': 7 },
      '192.168.1.40': { 'tunnel-id': 2 },
      '192.168.1.42': {},
    },
  },
  '192.168.1.25': { 'tunnel-id': 0 },
  '192.168.1.30': {},
};
const base = { address: '10.0.0.1', port: 80, protocol: 'TCP' as const };

describe('resolveEndpoint', () => {
  it.each([
    ['an ad-hoc endpoint (no node address) is reached directly', {}, { ok: true, endpoint: base }],
    ['an empty node address counts as none', { nodeAddress: '' }, { ok: true, endpoint: base }],
    [
      'a tunnelled endpoint carries its tunnel, and one per EPIC node (sorted, allocated only)',
      { nodeAddress: '192.168.1.16' },
      {
        ok: true,
        endpoint: {
          ...base,
          nodeAddress: '192.168.1.16',
          tunnelId: 2,
          epicTunnelIds: { '192.168.1.40': 2, '192.168.1.41': 7 },
        },
      },
    ],
    [
      'tunnel ID 0 was never handed out: wait',
      { nodeAddress: '192.168.1.25' },
      { ok: false, reason: 'waiting for a tunnel ID for client node 192.168.1.25' },
    ],
    [
      'no tunnel ID yet: wait',
      { nodeAddress: '192.168.1.30' },
      { ok: false, reason: 'waiting for a tunnel ID for client node 192.168.1.30' },
    ],
    [
      'a node without an entry: wait',
      { nodeAddress: '192.168.1.99' },
      { ok: false, reason: 'waiting for a tunnel ID for client node 192.168.1.99' },
    ],
    [
      'a hostname is no endpoint address',
      { address: 'db.internal' },
      { ok: false, reason: 'address "db.internal" is not an IP address' },
    ],
  ])('%s', (_what, override, expected) => {
    expect(resolveEndpoint({ ...base, ...override }, tunnels)).toEqual(expected);
  });
});

describe('uniqueEndpoints', () => {
  it('sorts by address, then port numerically, and keeps one of each', () => {
    const e = (address: string, port: number) => ({ address, port, protocol: 'TCP' as const });
    expect(
      uniqueEndpoints([
        e('10.0.0.2', 80),
        e('10.0.0.1', 9000),
        e('10.0.0.1', 80),
        e('10.0.0.2', 80),
      ]),
    ).toEqual([e('10.0.0.1', 80), e('10.0.0.1', 9000), e('10.0.0.2', 80)]);
  });
});

describe('lbEndpoint', () => {
  it('puts the tunnel identity in filter metadata under epic.acnodal.io', () => {
    expect(lbEndpoint({ ...base, nodeAddress: '192.168.1.16', tunnelId: 2 })).toEqual({
      endpoint: {
        address: { socket_address: { address: '10.0.0.1', port_value: 80, protocol: 'TCP' } },
      },
      metadata: {
        filter_metadata: { 'epic.acnodal.io': { 'node-address': '192.168.1.16', 'tunnel-id': 2 } },
      },
    });
  });

  it('gives an ad-hoc endpoint no metadata', () => {
    expect(lbEndpoint(base)).not.toHaveProperty('metadata');
  });
});
