import { describe, expect, it } from 'vitest';
import {
  Account,
  EPIC,
  LBServiceGroup,
  LoadBalancer,
  ServicePrefix,
  defaultEndpointTemplate,
  defaultProxyLimit,
} from './index.js';
import { seedEpic, seedLoadBalancer } from './testdata/seed.js';

const meta = (name: string, namespace: string) => ({ name, namespace });

describe('seed examples', () => {
  it('parses the seed LoadBalancer unchanged but for the true-ingress default', () => {
    const parsed = LoadBalancer.parse(seedLoadBalancer);
    expect(parsed).toEqual({
      ...seedLoadBalancer,
      spec: { ...seedLoadBalancer.spec, 'true-ingress': true },
    });
  });

  it('parses the seed EPIC singleton unchanged', () => {
    expect(EPIC.parse(seedEpic)).toEqual(seedEpic);
  });

  it('round-trips: parsing the parsed object changes nothing', () => {
    const once = LoadBalancer.parse(seedLoadBalancer);
    expect(LoadBalancer.parse(JSON.parse(JSON.stringify(once)))).toEqual(once);
  });

  it('keeps unknown metadata keys', () => {
    const withMeta = { ...seedEpic, metadata: { ...seedEpic.metadata, managedFields: [{}] } };
    expect(EPIC.parse(withMeta).metadata).toHaveProperty('managedFields');
  });
});

describe('defaults', () => {
  it('fills epic-port of a tunnel with 6080/UDP/gue', () => {
    const lb = LoadBalancer.parse({
      ...seedLoadBalancer,
      status: { 'gue-tunnel-endpoints': { '192.168.1.16': { 'tunnel-id': 9 } } },
    });
    expect(lb.status?.['gue-tunnel-endpoints']?.['192.168.1.16']).toEqual({
      'epic-port': { port: 6080, protocol: 'UDP', appProtocol: 'gue' },
      'tunnel-id': 9,
    });
  });

  it('defaults a public port protocol to TCP', () => {
    const lb = LoadBalancer.parse({
      ...seedLoadBalancer,
      spec: { 'service-group': 'sample', 'public-ports': [{ port: 80 }] },
    });
    expect(lb.spec['public-ports']).toEqual([{ port: 80, protocol: 'TCP' }]);
  });

  it('defaults an Account proxyLimit to 20', () => {
    const account = Account.parse({
      apiVersion: 'epic.acnodal.io/v1',
      kind: 'Account',
      metadata: meta('root', 'epic-root'),
      spec: {},
    });
    expect(account.spec).toEqual({ proxyLimit: defaultProxyLimit });
  });

  it('defaults a service group', () => {
    const group = LBServiceGroup.parse({
      apiVersion: 'epic.acnodal.io/v1',
      kind: 'LBServiceGroup',
      metadata: meta('sample', 'epic-root'),
      spec: { 'envoy-template': {} },
    });
    expect(group.spec).toEqual({
      'can-be-shared': false,
      'envoy-replica-count': 1,
      'envoy-template': {},
      'endpoint-template': defaultEndpointTemplate,
    });
  });

  it('defaults a ServicePrefix pool', () => {
    const prefix = ServicePrefix.parse({
      apiVersion: 'epic.acnodal.io/v1',
      kind: 'ServicePrefix',
      metadata: meta('default', 'epic'),
      spec: { 'public-pool': { pool: '192.168.77.2-192.168.77.8', subnet: '192.168.77.0/24' } },
    });
    expect(prefix.spec['public-pool']).toEqual({
      pool: '192.168.77.2-192.168.77.8',
      subnet: '192.168.77.0/24',
      aggregation: 'default',
      'multus-bridge': 'multus0',
    });
  });

  it('fills the gue endpoint port of an EPIC base', () => {
    const epic = EPIC.parse({ ...seedEpic, spec: { base: {} } });
    expect(epic.spec.base).toEqual({
      'gue-endpoint': { 'epic-port': { port: 6080, protocol: 'UDP', appProtocol: 'gue' } },
    });
  });

  it('rejects another apiVersion or kind', () => {
    expect(EPIC.safeParse({ ...seedEpic, apiVersion: 'epic.acnodal.io/v2' }).success).toBe(false);
    expect(EPIC.safeParse({ ...seedEpic, kind: 'Account' }).success).toBe(false);
  });
});
