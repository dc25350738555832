// The strict checker against Envoy's real v3 protos: it must catch what protobufjs's
// fromObject silently drops or coerces, name the path of each problem, and encode what passes.
import { describe, expect, it } from 'vitest';
import { checkMessage, encodeMessage, envoyProtos, ProtoCheckError } from './index.js';

const cluster = 'type.googleapis.com/envoy.config.cluster.v3.Cluster';
const listener = 'type.googleapis.com/envoy.config.listener.v3.Listener';
const routeConfig = 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration';
const cla = 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment';
const tcpProxyType = 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy';

const goodCluster = {
  name: 'c',
  type: 'EDS',
  connect_timeout: '0.25s',
  eds_cluster_config: { eds_config: { ads: {}, resource_api_version: 'V3' } },
};

function tcpListener(tcpProxy: Record<string, unknown>) {
  return {
    name: 'l',
    address: { socket_address: { address: '192.0.2.1', port_value: 80 } },
    filter_chains: [
      {
        filters: [
          {
            name: 'envoy.filters.network.tcp_proxy',
            typed_config: { '@type': tcpProxyType, ...tcpProxy },
          },
        ],
      },
    ],
  };
}

const anyPath =
  '$.filter_chains[0].filters[0].typed_config<envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy>';

describe('the reason for a strict checker', () => {
  it('protobufjs fromObject drops a misspelt field without a word', () => {
    const type = envoyProtos().messageType(cluster)!;
    const bytes = type.encode(type.fromObject({ name: 'c', conect_timeout: '5s' })).finish();
    const decoded = type.toObject(type.decode(bytes)) as Record<string, unknown>;
    expect(decoded).toEqual({ name: 'c' });
  });
});

describe('checkMessage', () => {
  it.each([
    ['a valid EDS cluster', cluster, goodCluster],
    ['an enum by number', cluster, { ...goodCluster, type: 3 }],
    [
      'lowerCamelCase field names (proto3 JSON names)',
      cluster,
      { ...goodCluster, connect_timeout: undefined, connectTimeout: '1s' },
    ],
    ['null as "not set"', cluster, { ...goodCluster, circuit_breakers: null }],
    [
      'a Struct of any JSON in filter metadata',
      cluster,
      {
        ...goodCluster,
        metadata: { filter_metadata: { 'epic.acnodal.io': { a: [1, 'x', null, { b: true }] } } },
      },
    ],
    [
      'a TCP proxy in an Any, with weighted clusters',
      listener,
      tcpListener({
        stat_prefix: 's',
        weighted_clusters: { clusters: [{ name: 'c', weight: 2 }] },
      }),
    ],
    [
      'a 64-bit integer as a string',
      cluster,
      { ...goodCluster, per_connection_buffer_limit_bytes: '1024' },
    ],
  ])('accepts %s', (_what, type, value) => {
    const json = JSON.parse(JSON.stringify(value)) as unknown;
    expect(checkMessage(type, json).errors).toEqual([]);
  });

  it.each([
    [
      'a misspelt field',
      cluster,
      { ...goodCluster, conect_timeout: '5s' },
      '$.conect_timeout: unknown field of envoy.config.cluster.v3.Cluster',
    ],
    [
      'a misspelt field inside an Any',
      listener,
      tcpListener({ stat_prefx: 's', cluster: 'c' }),
      `${anyPath}.stat_prefx: unknown field of envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy`,
    ],
    [
      'a number where a string belongs',
      cluster,
      { ...goodCluster, name: 42 },
      '$.name: expected a string, got number 42',
    ],
    [
      'a number where a Duration belongs',
      cluster,
      { ...goodCluster, connect_timeout: 5 },
      '$.connect_timeout: expected a Duration like "5s" or "0.25s", got number 5',
    ],
    [
      'a Duration in minutes',
      cluster,
      { ...goodCluster, connect_timeout: '5m' },
      '$.connect_timeout: expected a Duration like "5s" or "0.25s", got string "5m"',
    ],
    [
      'a string where a bool belongs',
      routeConfig,
      { name: 'r', validate_clusters: 'yes' },
      '$.validate_clusters: expected true or false, got string "yes"',
    ],
    [
      'a port out of range',
      listener,
      {
        ...tcpListener({ stat_prefix: 's', cluster: 'c' }),
        address: { socket_address: { address: 'a', port_value: 70000 } },
      },
      '$.address.socket_address.port_value: must be at most 65535, is 70000 (uint32.lte)',
    ],
    [
      'an unknown enum name',
      cluster,
      { ...goodCluster, type: 'EDSS' },
      '$.type: string "EDSS" is not a value of enum envoy.config.cluster.v3.Cluster.DiscoveryType',
    ],
    [
      'an object where a list belongs',
      cluster,
      { ...goodCluster, health_checks: {} },
      '$.health_checks: expected a list, got an object',
    ],
    [
      'a wrapper holding the wrong type',
      cluster,
      { ...goodCluster, per_connection_buffer_limit_bytes: 'lots' },
      '$.per_connection_buffer_limit_bytes: expected an integer, got string "lots"',
    ],
    [
      'an unknown @type',
      listener,
      {
        ...tcpListener({}),
        filter_chains: [
          { filters: [{ name: 'x', typed_config: { '@type': 'type.googleapis.com/envoy.Nope' } }] },
        ],
      },
      '$.filter_chains[0].filters[0].typed_config: unknown @type type.googleapis.com/envoy.Nope',
    ],
    [
      'an Any without @type',
      listener,
      {
        ...tcpListener({}),
        filter_chains: [{ filters: [{ name: 'x', typed_config: { stat_prefix: 's' } }] }],
      },
      '$.filter_chains[0].filters[0].typed_config: an Any needs "@type": "type.googleapis.com/<message>"',
    ],
    [
      'two members of one oneof',
      listener,
      tcpListener({
        stat_prefix: 's',
        cluster: 'c',
        weighted_clusters: { clusters: [{ name: 'c', weight: 1 }] },
      }),
      `${anyPath}.cluster_specifier: only one of cluster, weighted_clusters may be set`,
    ],
    [
      'a required oneof left empty',
      listener,
      tcpListener({ stat_prefix: 's' }),
      `${anyPath}.cluster_specifier: one of cluster, weighted_clusters is required`,
    ],
    [
      'a weight below the minimum',
      listener,
      tcpListener({
        stat_prefix: 's',
        weighted_clusters: { clusters: [{ name: 'c', weight: 0 }] },
      }),
      `${anyPath}.weighted_clusters.clusters[0].weight: must be at least 1, is 0 (uint32.gte)`,
    ],
    [
      'a required string left empty',
      cla,
      { endpoints: [] },
      '$.cluster_name: needs at least 1 characters, has 0 (string.min_len)',
    ],
    [
      'a deprecated field',
      routeConfig,
      {
        name: 'r',
        virtual_hosts: [
          {
            name: 'v',
            domains: ['*'],
            routes: [
              {
                match: { prefix: '/', headers: [{ name: 'x', exact_match: 'y' }] },
                route: { cluster: 'c' },
              },
            ],
          },
        ],
      },
      '$.virtual_hosts[0].routes[0].match.headers[0].exact_match: deprecated field',
    ],
    [
      'a field given under both of its names',
      cluster,
      { ...goodCluster, connectTimeout: '1s' },
      '$.connectTimeout: set twice (as connect_timeout and connectTimeout)',
    ],
  ])('rejects %s', (_what, type, value, expected) => {
    const errors = checkMessage(type, value).errors;
    expect(errors).toContain(expected);
  });

  it('allows deprecated fields when asked to', () => {
    const value = {
      name: 'r',
      virtual_hosts: [
        {
          name: 'v',
          domains: ['*'],
          routes: [
            {
              match: { prefix: '/', headers: [{ name: 'x', exact_match: 'y' }] },
              route: { cluster: 'c' },
            },
          ],
        },
      ],
    };
    expect(checkMessage(routeConfig, value, { allowDeprecated: true }).errors).toEqual([]);
  });

  it('names an unknown resource type', () => {
    expect(checkMessage('type.googleapis.com/envoy.config.nope.v3.Nope', {}).errors).toEqual([
      'unknown message type type.googleapis.com/envoy.config.nope.v3.Nope',
    ]);
  });
});

describe('encodeMessage', () => {
  it('encodes a valid resource, Any and well-known types included, so that it decodes back', () => {
    const value = tcpListener({
      stat_prefix: "a+b='c'",
      weighted_clusters: { clusters: [{ name: 'c', weight: 3 }] },
      idle_timeout: '1.5s',
    });
    const bytes = encodeMessage(listener, value);
    const protos = envoyProtos();
    const decoded = protos.messageType(listener)!.decode(bytes) as unknown as {
      name: string;
      filter_chains: { filters: { typed_config: { type_url: string; value: Uint8Array } }[] }[];
    };
    expect(decoded.name).toBe('l');
    const any = decoded.filter_chains[0]!.filters[0]!.typed_config;
    expect(any.type_url).toBe(tcpProxyType);
    const tcpProxy = protos.messageType(tcpProxyType)!;
    const inner = tcpProxy.toObject(tcpProxy.decode(any.value), { longs: Number }) as Record<
      string,
      unknown
    >;
    expect(inner).toMatchObject({
      stat_prefix: "a+b='c'",
      idle_timeout: { seconds: 1, nanos: 500000000 },
    });
  });

  it('throws ProtoCheckError listing every problem', () => {
    const bad = { ...goodCluster, conect_timeout: '5s', type: 'EDSS' };
    expect(() => encodeMessage(cluster, bad)).toThrow(ProtoCheckError);
    try {
      encodeMessage(cluster, bad);
    } catch (err) {
      expect((err as ProtoCheckError).errors).toHaveLength(2);
    }
  });
});
