// The Envoy bootstrap of a proxy's pods: who it is (node id `<namespace>.<name>`, the key of its
// xDS snapshot), where its configuration comes from (our ADS server, v3, for CDS and LDS; RDS and
// EDS ride the same stream through `ads: {}` config sources in the rendered resources), and how
// the kubelet learns it is ready. Proto3 JSON with Envoy's snake_case names, like the renderer's
// output; a unit test checks it against the real Bootstrap proto.
import type { JsonObject } from '@epic/envoy-render';
import { isIPAddress, xdsNodeId } from '@epic/model';
import type { EnvoyPodSettings } from './pod-settings.js';
import type { ProxySource } from './proxy-source.js';

export const bootstrapTypeUrl = 'type.googleapis.com/envoy.config.bootstrap.v3.Bootstrap';

/** The static cluster of our ADS server. */
export const xdsClusterName = 'xds_cluster';
/** The static cluster the readiness listener forwards `/ready` to. */
export const adminClusterName = 'envoy_admin';
export const readyListenerName = 'envoy_ready';
/** Node metadata key under which the xDS server finds the proxy's kind and name. */
export const nodeMetadataKey = 'epic.acnodal.io';

const http2Options = {
  'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
    '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
    explicit_http_config: { http2_protocol_options: {} },
  },
};

function socketAddress(address: string, port: number): JsonObject {
  return { socket_address: { address, port_value: port } };
}

function singleHostAssignment(cluster: string, address: string, port: number): JsonObject {
  return {
    cluster_name: cluster,
    endpoints: [{ lb_endpoints: [{ endpoint: { address: socketAddress(address, port) } }] }],
  };
}

/**
 * gRPC needs HTTP/2; a DNS name is re-resolved (the xDS server's pods may move), an IP is used
 * as is. TCP keepalive notices a dead xDS connection in seconds rather than at the kernel's
 * two hours, as the original's bootstrap did.
 */
function xdsCluster(settings: EnvoyPodSettings): JsonObject {
  const { address, port } = settings.xds;
  return {
    name: xdsClusterName,
    type: isIPAddress(address) ? 'STATIC' : 'STRICT_DNS',
    connect_timeout: '5s',
    typed_extension_protocol_options: http2Options,
    upstream_connection_options: {
      tcp_keepalive: { keepalive_probes: 4, keepalive_time: 10, keepalive_interval: 5 },
    },
    load_assignment: singleHostAssignment(xdsClusterName, address, port),
  };
}

function adminCluster(settings: EnvoyPodSettings): JsonObject {
  return {
    name: adminClusterName,
    type: 'STATIC',
    connect_timeout: '1s',
    load_assignment: singleHostAssignment(adminClusterName, '127.0.0.1', settings.adminPort),
  };
}

/**
 * Exposes exactly `GET /ready` of the admin API. Static listeners start only once Envoy has
 * finished initialising (first CDS/LDS answer or its timeout), and the admin answers 200 only
 * when the server is LIVE, so the probe fails until the proxy has its configuration.
 */
function readyListener(settings: EnvoyPodSettings): JsonObject {
  const routeConfig = {
    name: readyListenerName,
    virtual_hosts: [
      {
        name: readyListenerName,
        domains: ['*'],
        routes: [
          {
            match: {
              path: '/ready',
              headers: [{ name: ':method', string_match: { exact: 'GET' } }],
            },
            route: { cluster: adminClusterName },
          },
        ],
      },
    ],
  };
  const manager = {
    '@type':
      'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
    stat_prefix: readyListenerName,
    route_config: routeConfig,
    http_filters: [
      {
        name: 'envoy.filters.http.router',
        typed_config: {
          '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router',
        },
      },
    ],
  };
  return {
    name: readyListenerName,
    address: socketAddress('0.0.0.0', settings.readyPort),
    filter_chains: [
      {
        filters: [{ name: 'envoy.filters.network.http_connection_manager', typed_config: manager }],
      },
    ],
  };
}

const adsSource = { ads: {}, resource_api_version: 'V3' };

/** The bootstrap of one proxy's Envoy pods (all replicas share it and their xDS snapshot). */
export function renderBootstrap(
  proxy: Pick<ProxySource, 'kind' | 'namespace' | 'name'>,
  settings: EnvoyPodSettings,
): JsonObject {
  return {
    node: {
      id: xdsNodeId(proxy.namespace, proxy.name),
      cluster: proxy.name,
      metadata: {
        [nodeMetadataKey]: { kind: proxy.kind, namespace: proxy.namespace, name: proxy.name },
      },
    },
    dynamic_resources: {
      ads_config: {
        api_type: 'GRPC',
        transport_api_version: 'V3',
        grpc_services: [{ envoy_grpc: { cluster_name: xdsClusterName } }],
        set_node_on_first_message_only: true,
      },
      cds_config: adsSource,
      lds_config: adsSource,
    },
    static_resources: {
      listeners: [readyListener(settings)],
      clusters: [xdsCluster(settings), adminCluster(settings)],
    },
    admin: { address: socketAddress('127.0.0.1', settings.adminPort) },
  };
}

/** The bootstrap as the ConfigMap holds it: stable text, so equal bootstraps hash equal. */
export function bootstrapText(bootstrap: JsonObject): string {
  return `${JSON.stringify(bootstrap, null, 2)}\n`;
}
