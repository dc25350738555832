// Objects as the id-allocator reads them (parsed by @epic/model, so defaults are applied).
import {
  Account,
  accountNamespace,
  apiVersionV1,
  EPIC,
  LoadBalancer,
  RemoteEndpoint,
  type AccountStatus,
  type EPICStatus,
  type GueTunnelEndpoints,
} from '@epic/model';
import type { EpicGueEndpoint } from '../tunnel-ids.js';

/** The EPIC's GUE endpoint with the defaults (6080/UDP, appProtocol gue). */
export const gueEndpoint: EpicGueEndpoint = {
  'epic-port': { port: 6080, protocol: 'UDP', appProtocol: 'gue' },
};

export function epicWith(status?: EPICStatus): EPIC {
  return EPIC.parse({
    apiVersion: apiVersionV1,
    kind: 'EPIC',
    metadata: { name: 'epic', namespace: 'epic', resourceVersion: '1' },
    spec: {},
    ...(status === undefined ? {} : { status }),
  });
}

export function accountNamed(
  name: string,
  fields: { groupId?: number; status?: AccountStatus } = {},
): Account {
  return Account.parse({
    apiVersion: apiVersionV1,
    kind: 'Account',
    metadata: { name, namespace: accountNamespace(name), resourceVersion: '1' },
    spec: fields.groupId === undefined ? {} : { 'group-id': fields.groupId },
    ...(fields.status === undefined ? {} : { status: fields.status }),
  });
}

export interface LoadBalancerFields {
  createdAt?: string;
  serviceId?: number;
  tunnels?: GueTunnelEndpoints;
}

export function loadBalancerIn(
  account: string,
  name: string,
  fields: LoadBalancerFields = {},
): LoadBalancer {
  return LoadBalancer.parse({
    apiVersion: apiVersionV1,
    kind: 'LoadBalancer',
    metadata: {
      name,
      namespace: accountNamespace(account),
      resourceVersion: '1',
      creationTimestamp: fields.createdAt ?? '2025-01-01T00:00:00Z',
    },
    spec: {
      'service-group': 'sample',
      ...(fields.serviceId === undefined ? {} : { 'service-id': fields.serviceId }),
    },
    ...(fields.tunnels === undefined ? {} : { status: { 'gue-tunnel-endpoints': fields.tunnels } }),
  });
}

export function remoteEndpointIn(
  account: string,
  name: string,
  fields: { nodeAddress?: string; deleting?: boolean } = {},
): RemoteEndpoint {
  return RemoteEndpoint.parse({
    apiVersion: apiVersionV1,
    kind: 'RemoteEndpoint',
    metadata: {
      name,
      namespace: accountNamespace(account),
      ...(fields.deleting ? { deletionTimestamp: '2025-01-02T00:00:00Z' } : {}),
    },
    spec: {
      cluster: 'client-1',
      address: '10.0.0.1',
      ...(fields.nodeAddress === undefined ? {} : { 'node-address': fields.nodeAddress }),
      port: { port: 8080 },
    },
  });
}
