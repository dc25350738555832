// The validating webhook's decisions as one table: request + facts -> problems. Facts stand in
// for what the app reads from the API (null: looked and found nothing).
import { describe, expect, it } from 'vitest';
import {
  owningAccountLabel,
  owningLBServiceGroupLabel,
  owningServicePrefixLabel,
  type Account,
  type GWProxy,
  type LBServiceGroup,
  type LoadBalancer,
  type RemoteEndpoint,
} from '@epic/model';
import type { Facts } from './facts.js';
import { defaultIdWriters, parseIdWriters } from './id-writers.js';
import {
  accountObject,
  gwProxy,
  loadBalancer,
  parsed,
  remoteEndpoint,
  review,
  serviceGroup,
  servicePrefix,
  type RequestInput,
} from './testdata/index.js';
import { validateReview } from './validate.js';
import type { ProblemCode } from './verdict.js';

const policy = { idWriters: parseIdWriters(defaultIdWriters) };
const account = parsed<Account>('Account', accountObject());
const group = parsed<LBServiceGroup>('LBServiceGroup', serviceGroup());
const systemGroup = parsed<LBServiceGroup>(
  'LBServiceGroup',
  serviceGroup({}, { [owningServicePrefixLabel]: 'default' }, 'epic'),
);
const foreignGroup = parsed<LBServiceGroup>(
  'LBServiceGroup',
  serviceGroup({}, { [owningServicePrefixLabel]: 'default', [owningAccountLabel]: 'other' }),
);
const proxies = (n: number, deleting = 0): GWProxy[] =>
  Array.from({ length: n + deleting }, (_, i) =>
    parsed<GWProxy>(
      'GWProxy',
      gwProxy({}, i < n ? {} : { deletionTimestamp: '2026-01-01T00:00:00Z' }, `gw-x${i}`),
    ),
  );
const lb = parsed<LoadBalancer>('LoadBalancer', loadBalancer({ 'upstream-clusters': ['c1'] }));
const endpoint = (name: string, spec = {}) =>
  parsed<RemoteEndpoint>('RemoteEndpoint', remoteEndpoint(spec, {}, name));
const proxyFacts: Facts = { account, serviceGroup: group, proxies: [] };

interface Row {
  name: string;
  input: RequestInput;
  facts?: Facts;
  /** [code, message pattern] per problem; [] = allowed. */
  want: [ProblemCode, RegExp][];
}

const rows: Row[] = [
  // LoadBalancer
  {
    name: 'LB in its account with its group',
    input: { kind: 'LoadBalancer', object: loadBalancer() },
    facts: proxyFacts,
    want: [],
  },
  {
    name: 'LB with a system group',
    input: { kind: 'LoadBalancer', object: loadBalancer() },
    facts: { ...proxyFacts, serviceGroup: systemGroup },
    want: [],
  },
  {
    name: 'LB whose group exists nowhere (another account may have one)',
    input: { kind: 'LoadBalancer', object: loadBalancer() },
    facts: { ...proxyFacts, serviceGroup: null },
    want: [
      [
        'invalid',
        /^LoadBalancer epic-acme\/shop: spec.service-group "web" names no LBServiceGroup in epic-acme or in epic: create the group first or fix spec.service-group$/,
      ],
    ],
  },
  {
    name: 'LB whose group is labelled for another account',
    input: { kind: 'LoadBalancer', object: loadBalancer() },
    facts: { ...proxyFacts, serviceGroup: foreignGroup },
    want: [
      [
        'invalid',
        /service group epic-acme\/web belongs to account "other" .* use a group of account "acme"/,
      ],
    ],
  },
  {
    name: 'LB in a namespace without its Account',
    input: { kind: 'LoadBalancer', object: loadBalancer() },
    facts: { ...proxyFacts, account: null },
    want: [['invalid', /namespace epic-acme has no Account "acme": create the Account first/]],
  },
  {
    name: 'LB whose group label disagrees with spec.service-group',
    input: {
      kind: 'LoadBalancer',
      object: loadBalancer({}, { labels: { [owningLBServiceGroupLabel]: 'other' } }),
    },
    facts: proxyFacts,
    want: [
      [
        'invalid',
        /label epic.acnodal.io\/owning-lbservicegroup is "other" but spec.service-group is "web"/,
      ],
    ],
  },
  {
    name: 'LB with a schema problem (the CRD would refuse it too)',
    input: { kind: 'LoadBalancer', object: loadBalancer({ 'public-ports': [{ port: 0 }] }) },
    facts: proxyFacts,
    want: [
      [
        'invalid',
        /does not match the LoadBalancer schema \(spec.public-ports\[0\].port: .*\): fix these fields/,
      ],
    ],
  },
  {
    name: 'LB update keeps its group',
    input: {
      kind: 'LoadBalancer',
      operation: 'UPDATE',
      object: loadBalancer({ 'public-address': '192.168.77.2' }),
      oldObject: loadBalancer(),
    },
    want: [],
  },
  {
    name: 'LB update relabels its group',
    input: {
      kind: 'LoadBalancer',
      operation: 'UPDATE',
      object: loadBalancer({}, { labels: { [owningLBServiceGroupLabel]: 'other' } }),
      oldObject: loadBalancer({}, { labels: { [owningLBServiceGroupLabel]: 'web' } }),
    },
    want: [
      [
        'invalid',
        /label epic.acnodal.io\/owning-lbservicegroup is "other" but spec.service-group is "web"/,
      ],
    ],
  },
  {
    name: 'LB being deleted loses its finalizer although its group is gone',
    input: {
      kind: 'LoadBalancer',
      operation: 'UPDATE',
      object: loadBalancer(
        {},
        { deletionTimestamp: '2026-01-01T00:00:00Z', labels: { [owningLBServiceGroupLabel]: 'x' } },
      ),
      oldObject: loadBalancer(
        {},
        { deletionTimestamp: '2026-01-01T00:00:00Z', finalizers: ['epic.acnodal.io/controller'] },
      ),
    },
    want: [],
  },
  {
    name: 'LB delete with upstream clusters',
    input: {
      kind: 'LoadBalancer',
      operation: 'DELETE',
      oldObject: loadBalancer({ 'upstream-clusters': ['a', 'b'] }),
    },
    facts: { namespaceTerminating: false },
    want: [
      [
        'conflict',
        /^LB epic-acme\/shop has upstream clusters, can't delete: \[a b\] \(spec.upstream-clusters\): remove every cluster from spec.upstream-clusters first$/,
      ],
    ],
  },
  {
    name: 'LB delete with upstream clusters while its account namespace goes away',
    input: {
      kind: 'LoadBalancer',
      operation: 'DELETE',
      oldObject: loadBalancer({ 'upstream-clusters': ['a'] }),
    },
    facts: { namespaceTerminating: true },
    want: [],
  },
  {
    name: 'LB delete without upstream clusters',
    input: { kind: 'LoadBalancer', operation: 'DELETE', oldObject: loadBalancer() },
    want: [],
  },
  // ServicePrefix
  {
    name: 'ServicePrefix delete while it holds claims',
    input: {
      kind: 'ServicePrefix',
      operation: 'DELETE',
      oldObject: servicePrefix(
        { '192.168.77.10': 'c', '192.168.77.2': 'a', '192.168.77.3': 'b' },
        { 'fd00::2': 'v6' },
      ),
    },
    facts: { namespaceTerminating: false },
    want: [
      [
        'conflict',
        /^ServicePrefix epic\/default still holds 4 address claim\(s\): 192\.168\.77\.2 \(LoadBalancer epic-acme\/a\), 192\.168\.77\.3 \(LoadBalancer epic-acme\/b\), 192\.168\.77\.10 \(LoadBalancer epic-acme\/c\), and 1 more; deleting it would forget which addresses are taken: delete those LoadBalancers and GWProxies \(or move their groups to another ServicePrefix\) first/,
      ],
    ],
  },
  {
    name: 'ServicePrefix delete while the core namespace goes away (EPIC uninstalled)',
    input: {
      kind: 'ServicePrefix',
      operation: 'DELETE',
      oldObject: servicePrefix({ '192.168.77.2': 'a' }),
    },
    facts: { namespaceTerminating: true },
    want: [],
  },
  {
    name: 'ServicePrefix delete without claims',
    input: { kind: 'ServicePrefix', operation: 'DELETE', oldObject: servicePrefix() },
    want: [],
  },
  // GWProxy
  {
    name: 'GWProxy 20th of 20',
    input: { kind: 'GWProxy', object: gwProxy() },
    facts: { ...proxyFacts, proxies: proxies(19) },
    want: [],
  },
  {
    name: 'GWProxy 21st of 20',
    input: { kind: 'GWProxy', object: gwProxy() },
    facts: { ...proxyFacts, proxies: proxies(20) },
    want: [
      [
        'forbidden',
        /^account proxy limit exceeded: account "acme" has 20 GWProxies and its spec.proxyLimit is 20, so GWProxy epic-acme\/gw-1 was not created: delete a GWProxy or raise spec.proxyLimit of Account epic-acme\/acme$/,
      ],
    ],
  },
  {
    name: 'GWProxy past 20 while some are being deleted',
    input: { kind: 'GWProxy', object: gwProxy() },
    facts: { ...proxyFacts, proxies: proxies(19, 3) },
    want: [],
  },
  {
    name: 'GWProxy against proxyLimit 2',
    input: { kind: 'GWProxy', object: gwProxy() },
    facts: {
      ...proxyFacts,
      account: parsed<Account>('Account', accountObject({ proxyLimit: 2 })),
      proxies: proxies(2),
    },
    want: [
      [
        'forbidden',
        /account proxy limit exceeded: account "acme" has 2 GWProxies and its spec.proxyLimit is 2/,
      ],
    ],
  },
  {
    name: 'GWProxy with proxyLimit 0',
    input: { kind: 'GWProxy', object: gwProxy() },
    facts: { ...proxyFacts, account: parsed<Account>('Account', accountObject({ proxyLimit: 0 })) },
    want: [['forbidden', /has 0 GWProxies and its spec.proxyLimit is 0/]],
  },
  {
    name: 'GWProxy named by its group label only',
    input: {
      kind: 'GWProxy',
      object: gwProxy(
        { 'service-group': undefined },
        { labels: { [owningLBServiceGroupLabel]: 'web' } },
      ),
    },
    facts: proxyFacts,
    want: [],
  },
  {
    name: 'GWProxy whose group label names nothing',
    input: {
      kind: 'GWProxy',
      object: gwProxy(
        { 'service-group': undefined },
        { labels: { [owningLBServiceGroupLabel]: 'web' } },
      ),
    },
    facts: { ...proxyFacts, serviceGroup: null },
    want: [
      [
        'invalid',
        /epic.acnodal.io\/owning-lbservicegroup "web" names no LBServiceGroup .*fix epic.acnodal.io\/owning-lbservicegroup$/,
      ],
    ],
  },
  {
    name: 'GWProxy without any group',
    input: { kind: 'GWProxy', object: gwProxy({ 'service-group': undefined }) },
    facts: { ...proxyFacts, serviceGroup: undefined },
    want: [['invalid', /^GWProxy epic-acme\/gw-1 names no service group: set spec.service-group$/]],
  },
  {
    name: 'GWProxy update drops its group label',
    input: {
      kind: 'GWProxy',
      operation: 'UPDATE',
      object: gwProxy({ 'service-group': undefined }),
      oldObject: gwProxy(
        { 'service-group': undefined },
        { labels: { [owningLBServiceGroupLabel]: 'web' } },
      ),
    },
    want: [['invalid', /its service group "web" cannot be changed to "\(none\)"/]],
  },
  {
    name: 'GWProxy delete',
    input: { kind: 'GWProxy', operation: 'DELETE', oldObject: gwProxy() },
    want: [],
  },
  // LBServiceGroup
  {
    name: 'group with both labels',
    input: { kind: 'LBServiceGroup', object: serviceGroup() },
    facts: { servicePrefixExists: true, account },
    want: [],
  },
  {
    name: 'group without labels',
    input: { kind: 'LBServiceGroup', object: serviceGroup({}, {}) },
    facts: {},
    want: [
      [
        'invalid',
        /^LBServiceGroup epic-acme\/web has no label epic.acnodal.io\/owning-serviceprefix: set it to the ServicePrefix \(in epic\) its addresses come from$/,
      ],
      [
        'invalid',
        /^LBServiceGroup epic-acme\/web has no label epic.acnodal.io\/owning-account: set it to "acme"$/,
      ],
    ],
  },
  {
    name: 'group whose ServicePrefix does not exist',
    input: { kind: 'LBServiceGroup', object: serviceGroup() },
    facts: { servicePrefixExists: false, account },
    want: [
      [
        'invalid',
        /names ServicePrefix "default", which does not exist in epic: create it or fix the label/,
      ],
    ],
  },
  {
    name: "group labelled with another account's name",
    input: {
      kind: 'LBServiceGroup',
      object: serviceGroup(
        {},
        { [owningServicePrefixLabel]: 'default', [owningAccountLabel]: 'other' },
      ),
    },
    facts: { servicePrefixExists: true },
    want: [
      [
        'invalid',
        /label epic.acnodal.io\/owning-account is "other", but namespace epic-acme belongs to account "acme" .*: set it to "acme"/,
      ],
    ],
  },
  {
    name: 'group whose Account is missing',
    input: { kind: 'LBServiceGroup', object: serviceGroup() },
    facts: { servicePrefixExists: true, account: null },
    want: [
      [
        'invalid',
        /names Account "acme", which does not exist in epic-acme: create the Account first/,
      ],
    ],
  },
  {
    name: 'system group',
    input: {
      kind: 'LBServiceGroup',
      object: serviceGroup({}, { [owningServicePrefixLabel]: 'default' }, 'epic'),
    },
    facts: { servicePrefixExists: true },
    want: [],
  },
  {
    name: 'system group with an account label',
    input: { kind: 'LBServiceGroup', object: serviceGroup({}, undefined, 'epic') },
    facts: { servicePrefixExists: true },
    want: [
      [
        'invalid',
        /a system service group \(in epic\) belongs to no account, but label epic.acnodal.io\/owning-account is "acme": remove the label/,
      ],
    ],
  },
  {
    name: 'group update that leaves the labels alone (its prefix went away)',
    input: {
      kind: 'LBServiceGroup',
      operation: 'UPDATE',
      object: serviceGroup({ 'envoy-replica-count': 3 }),
      oldObject: serviceGroup(),
    },
    facts: { servicePrefixExists: false, account },
    want: [],
  },
  {
    name: 'group update that points its label at a missing prefix',
    input: {
      kind: 'LBServiceGroup',
      operation: 'UPDATE',
      object: serviceGroup(
        {},
        { [owningServicePrefixLabel]: 'gone', [owningAccountLabel]: 'acme' },
      ),
      oldObject: serviceGroup(),
    },
    facts: { servicePrefixExists: false, account },
    want: [['invalid', /names ServicePrefix "gone", which does not exist in epic/]],
  },
  {
    name: 'group status-only update',
    input: {
      kind: 'LBServiceGroup',
      operation: 'UPDATE',
      object: serviceGroup(),
      oldObject: serviceGroup(),
    },
    facts: {},
    want: [],
  },
  // RemoteEndpoint
  {
    name: 'endpoint of its LB',
    input: { kind: 'RemoteEndpoint', object: remoteEndpoint() },
    facts: { loadBalancer: lb, endpointsOf: [endpoint('ep-0', { address: '10.244.1.6' })] },
    want: [],
  },
  {
    name: 'endpoint without its LB label',
    input: {
      kind: 'RemoteEndpoint',
      object: { ...remoteEndpoint(), metadata: { name: 'ep-1', namespace: 'epic-acme' } },
    },
    facts: {},
    want: [
      [
        'invalid',
        /^RemoteEndpoint epic-acme\/ep-1 has no label epic.acnodal.io\/owning-loadbalancer: set it to its LoadBalancer$/,
      ],
    ],
  },
  {
    name: 'endpoint of a missing LB',
    input: { kind: 'RemoteEndpoint', object: remoteEndpoint() },
    facts: { loadBalancer: null, endpointsOf: [] },
    want: [
      [
        'invalid',
        /names LoadBalancer "shop", which does not exist in epic-acme: create the LoadBalancer first or fix the label/,
      ],
    ],
  },
  {
    name: "endpoint of a cluster not in the LB's upstream-clusters",
    input: { kind: 'RemoteEndpoint', object: remoteEndpoint({ cluster: 'c9' }) },
    facts: { loadBalancer: lb, endpointsOf: [] },
    want: [
      [
        'invalid',
        /spec.cluster "c9" is not in spec.upstream-clusters of LoadBalancer epic-acme\/shop: add the cluster to the LoadBalancer first/,
      ],
    ],
  },
  {
    name: 'duplicate endpoint (the name comes last, as the tenant API parses it)',
    input: { kind: 'RemoteEndpoint', object: remoteEndpoint({ port: { port: 8080 } }) },
    facts: { loadBalancer: lb, endpointsOf: [endpoint('ep-0')] },
    want: [['conflict', /\(delete one of them\): duplicate endpoint: ep-0$/]],
  },
  {
    name: 'a twin being deleted is not a duplicate',
    input: { kind: 'RemoteEndpoint', object: remoteEndpoint() },
    facts: {
      loadBalancer: lb,
      endpointsOf: [
        {
          ...endpoint('ep-0'),
          metadata: { ...endpoint('ep-0').metadata, deletionTimestamp: '2026-01-01T00:00:00Z' },
        },
      ],
    },
    want: [],
  },
  // Kinds with only placement rules
  {
    name: 'GWRoute in an account namespace',
    input: {
      kind: 'GWRoute',
      object: {
        apiVersion: 'epic.acnodal.io/v1',
        kind: 'GWRoute',
        metadata: { name: 'r', namespace: 'epic-acme' },
        spec: { tcp: { rules: [{}] } },
      },
    },
    want: [],
  },
];

describe('validateReview', () => {
  it.each(rows)('$name', ({ input, facts, want }) => {
    const verdict = validateReview(review(input), facts ?? {}, policy);
    expect(verdict.problems.map((p) => p.code)).toEqual(want.map(([code]) => code));
    verdict.problems.forEach((p, i) => expect(p.message).toMatch(want[i]![1]));
  });
});
