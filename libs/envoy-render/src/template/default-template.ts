// The built-in envoy-template. Every entry a group's template leaves out comes from here, so a
// group may override only what it cares about (say the cluster's connect_timeout). The xDS
// server speaks ADS, hence `ads: {}` config sources; endpoints arrive by EDS on the same stream.
import type { EnvoyTemplateSpec } from './schema.js';

const tcpListener = `
name: {{ .ListenerName }}
address:
  socket_address: {address: {{ .Address }}, port_value: {{ .Port }}, protocol: {{ .Protocol }}}
additional_addresses: {{ .AdditionalAddresses }}
filter_chains:
- filters:
  - name: envoy.filters.network.tcp_proxy
    typed_config:
      "@type": type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy
      stat_prefix: {{ .StatPrefix }}
      weighted_clusters: {{ .WeightedClusters }}
`;

const udpListener = `
name: {{ .ListenerName }}
address:
  socket_address: {address: {{ .Address }}, port_value: {{ .Port }}, protocol: {{ .Protocol }}}
additional_addresses: {{ .AdditionalAddresses }}
udp_listener_config: {}
listener_filters:
- name: envoy.filters.udp_listener.udp_proxy
  typed_config:
    "@type": type.googleapis.com/envoy.extensions.filters.udp.udp_proxy.v3.UdpProxyConfig
    stat_prefix: {{ .StatPrefix }}
    matcher:
      on_no_match:
        action:
          name: route
          typed_config:
            "@type": type.googleapis.com/envoy.extensions.filters.udp.udp_proxy.v3.Route
            cluster: {{ .ClusterName }}
`;

// strip_any_host_port: virtual hosts list bare hostnames, and clients send "host:port".
const httpListener = `
name: {{ .ListenerName }}
address:
  socket_address: {address: {{ .Address }}, port_value: {{ .Port }}, protocol: {{ .Protocol }}}
additional_addresses: {{ .AdditionalAddresses }}
filter_chains:
- filters:
  - name: envoy.filters.network.http_connection_manager
    typed_config:
      "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
      stat_prefix: {{ .StatPrefix }}
      strip_any_host_port: true
      rds:
        route_config_name: {{ .RouteConfigName }}
        config_source: {ads: {}, resource_api_version: V3}
      http_filters:
      - name: envoy.filters.http.router
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router
`;

const routes = `
name: {{ .RouteConfigName }}
virtual_hosts: {{ .VirtualHosts }}
`;

const cluster = `
name: {{ .ClusterName }}
type: EDS
connect_timeout: 5s
eds_cluster_config:
  eds_config: {ads: {}, resource_api_version: V3}
`;

const endpoints = `
cluster_name: {{ .ClusterName }}
endpoints:
- lb_endpoints: {{ .LbEndpoints }}
`;

/**
 * The default envoy-template, as a service group would hold it. There is no `https` listener:
 * terminating TLS needs certificates, which only a group's own template can name (e.g. SDS).
 */
export const defaultEnvoyTemplate: EnvoyTemplateSpec = {
  envoyAPI: 'v3',
  serialization: 'yaml',
  envoyResources: {
    listeners: [
      { name: 'tcp', value: tcpListener.trimStart() },
      { name: 'udp', value: udpListener.trimStart() },
      { name: 'http', value: httpListener.trimStart() },
    ],
    routes: [{ name: 'http', value: routes.trimStart() }],
    clusters: [{ name: 'default', value: cluster.trimStart() }],
    endpoints: [{ name: 'default', value: endpoints.trimStart() }],
  },
};
