// Builders of parsed objects for unit tests: the schema fills defaults, so tests state only
// what matters to them.
import {
  Account,
  EPIC,
  GWProxy,
  LBServiceGroup,
  LoadBalancer,
  ServicePrefix,
  owningServicePrefixLabel,
  type GueTunnelEndpoints,
} from '@epic/model';
import { seedLoadBalancer } from '@epic/model/testdata';
import type { Clock } from '../deps.js';

export const created = '2026-01-01T00:00:00Z';
export const now = new Date('2026-01-01T00:05:00Z');

const meta = (namespace: string, name: string) => ({ namespace, name, creationTimestamp: created });

export function account(
  name: string,
  opts: { groupId?: number; serviceId?: number; namespace?: string } = {},
): Account {
  return Account.parse({
    apiVersion: 'epic.acnodal.io/v1',
    kind: 'Account',
    metadata: meta(opts.namespace ?? `epic-${name}`, name),
    spec: opts.groupId === undefined ? {} : { 'group-id': opts.groupId },
    status: opts.serviceId === undefined ? undefined : { 'current-service-id': opts.serviceId },
  });
}

export function epic(status: { 'current-tunnel-id'?: number; 'current-group-id'?: number }): EPIC {
  return EPIC.parse({
    apiVersion: 'epic.acnodal.io/v1',
    kind: 'EPIC',
    metadata: meta('epic', 'epic'),
    spec: {},
    status,
  });
}

export function loadBalancer(
  namespace: string,
  name: string,
  opts: { serviceId?: number; group?: string; tunnels?: GueTunnelEndpoints; address?: string } = {},
): LoadBalancer {
  return LoadBalancer.parse({
    apiVersion: 'epic.acnodal.io/v1',
    kind: 'LoadBalancer',
    metadata: meta(namespace, name),
    spec: {
      'service-group': opts.group ?? 'web',
      ...(opts.serviceId === undefined ? {} : { 'service-id': opts.serviceId }),
      ...(opts.address === undefined ? {} : { 'public-address': opts.address }),
    },
    status: opts.tunnels === undefined ? undefined : { 'gue-tunnel-endpoints': opts.tunnels },
  });
}

export function gwProxy(namespace: string, name: string, tunnels: GueTunnelEndpoints): GWProxy {
  return GWProxy.parse({
    apiVersion: 'epic.acnodal.io/v1',
    kind: 'GWProxy',
    metadata: meta(namespace, name),
    spec: {},
    status: { 'gue-tunnel-endpoints': tunnels },
  });
}

/** `{ clientNode: tunnelId }` -> a gue-tunnel-endpoints map to EPIC node 192.168.1.40. */
export function tunnels(ids: Record<string, number>): GueTunnelEndpoints {
  return Object.fromEntries(
    Object.entries(ids).map(([node, id]) => [
      node,
      { 'epic-address': '192.168.1.40', 'epic-port': {}, 'tunnel-id': id },
    ]),
  ) as GueTunnelEndpoints;
}

export function group(namespace: string, name: string, prefix = 'default'): LBServiceGroup {
  return LBServiceGroup.parse({
    apiVersion: 'epic.acnodal.io/v1',
    kind: 'LBServiceGroup',
    metadata: { ...meta(namespace, name), labels: { [owningServicePrefixLabel]: prefix } },
    spec: { 'envoy-template': {} },
  });
}

export function prefix(
  name: string,
  pool = '192.168.77.2-192.168.77.8',
  subnet = '192.168.77.0/24',
): ServicePrefix {
  return ServicePrefix.parse({
    apiVersion: 'epic.acnodal.io/v1',
    kind: 'ServicePrefix',
    metadata: meta('epic', name),
    spec: { 'public-pool': { pool, subnet } },
  });
}

export const seedLb = (): LoadBalancer => LoadBalancer.parse(seedLoadBalancer);

/** A clock that only moves when someone sleeps. */
export function fakeClock(start = now): Clock & { slept: number[] } {
  let t = start.getTime();
  const slept: number[] = [];
  return {
    slept,
    now: () => new Date(t),
    sleep: (ms) => {
      slept.push(ms);
      t += ms;
      return Promise.resolve();
    },
  };
}
