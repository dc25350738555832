import { describe, expect, it } from 'vitest';
import { owningLBServiceGroupLabel, owningServicePrefixLabel } from '@epic/model';
import { factQueries, type FactQueries, type Webhook } from './facts.js';
import {
  gwProxy,
  loadBalancer,
  remoteEndpoint,
  review,
  serviceGroup,
  servicePrefix,
  type RequestInput,
} from './testdata/index.js';

const group = { name: 'web', namespaces: ['epic-acme', 'epic'] };
const account = { namespace: 'epic-acme', name: 'acme' };
const lbRef = { namespace: 'epic-acme', name: 'shop' };

describe('factQueries: the reads each request needs, and no more', () => {
  it.each<[string, Webhook, RequestInput, FactQueries]>([
    [
      'mutate LB create: its group',
      'mutate',
      { kind: 'LoadBalancer', object: loadBalancer() },
      { serviceGroup: group },
    ],
    [
      'validate LB create: group and Account',
      'validate',
      { kind: 'LoadBalancer', object: loadBalancer() },
      { serviceGroup: group, account },
    ],
    [
      'validate GWProxy create: also the proxies',
      'validate',
      { kind: 'GWProxy', object: gwProxy() },
      { serviceGroup: group, account, proxies: 'epic-acme' },
    ],
    [
      'GWProxy named by its label',
      'mutate',
      {
        kind: 'GWProxy',
        object: gwProxy(
          { 'service-group': undefined },
          { labels: { [owningLBServiceGroupLabel]: 'web' } },
        ),
      },
      { serviceGroup: group },
    ],
    [
      'LB outside an account namespace: no Account to read',
      'validate',
      {
        kind: 'LoadBalancer',
        object: { ...loadBalancer(), metadata: { name: 'x', namespace: 'default' } },
      },
      { serviceGroup: { name: 'web', namespaces: ['default', 'epic'] } },
    ],
    [
      'LB update: nothing',
      'validate',
      {
        kind: 'LoadBalancer',
        operation: 'UPDATE',
        object: loadBalancer(),
        oldObject: loadBalancer(),
      },
      {},
    ],
    [
      'mutate LB update: nothing',
      'mutate',
      {
        kind: 'LoadBalancer',
        operation: 'UPDATE',
        object: loadBalancer(),
        oldObject: loadBalancer(),
      },
      {},
    ],
    [
      'LB delete with upstreams: its namespace',
      'validate',
      {
        kind: 'LoadBalancer',
        operation: 'DELETE',
        oldObject: loadBalancer({ 'upstream-clusters': ['c1'] }),
      },
      { namespace: 'epic-acme' },
    ],
    [
      'LB delete without upstreams: nothing',
      'validate',
      { kind: 'LoadBalancer', operation: 'DELETE', oldObject: loadBalancer() },
      {},
    ],
    [
      'ServicePrefix delete with claims: its namespace',
      'validate',
      {
        kind: 'ServicePrefix',
        operation: 'DELETE',
        oldObject: servicePrefix({ '192.168.77.2': 'a' }),
      },
      { namespace: 'epic' },
    ],
    [
      'ServicePrefix delete without claims: nothing',
      'validate',
      { kind: 'ServicePrefix', operation: 'DELETE', oldObject: servicePrefix() },
      {},
    ],
    [
      'group create: prefix and Account',
      'validate',
      { kind: 'LBServiceGroup', object: serviceGroup() },
      { servicePrefix: 'default', account },
    ],
    [
      'system group: prefix only',
      'validate',
      {
        kind: 'LBServiceGroup',
        object: serviceGroup({}, { [owningServicePrefixLabel]: 'p' }, 'epic'),
      },
      { servicePrefix: 'p' },
    ],
    [
      'group spec edit: nothing',
      'validate',
      {
        kind: 'LBServiceGroup',
        operation: 'UPDATE',
        object: serviceGroup({ 'envoy-replica-count': 5 }),
        oldObject: serviceGroup(),
      },
      {},
    ],
    [
      'endpoint create: its LB and siblings',
      'validate',
      { kind: 'RemoteEndpoint', object: remoteEndpoint() },
      { loadBalancer: lbRef, endpointsOf: lbRef },
    ],
    [
      'endpoint spec edit: again',
      'validate',
      {
        kind: 'RemoteEndpoint',
        operation: 'UPDATE',
        object: remoteEndpoint({ cluster: 'c2' }),
        oldObject: remoteEndpoint(),
      },
      { loadBalancer: lbRef, endpointsOf: lbRef },
    ],
    [
      'mutate endpoint: nothing',
      'mutate',
      { kind: 'RemoteEndpoint', object: remoteEndpoint() },
      {},
    ],
    [
      'status write: nothing',
      'validate',
      {
        kind: 'LoadBalancer',
        operation: 'UPDATE',
        subResource: 'status',
        object: loadBalancer(),
        oldObject: loadBalancer(),
      },
      {},
    ],
  ])('%s', (_, webhook, input, expected) => {
    expect(factQueries(review(input), webhook)).toEqual(expected);
  });
});
