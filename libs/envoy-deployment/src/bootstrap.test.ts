// The bootstrap against the real Envoy v3 Bootstrap proto (the strict checker of
// @epic/envoy-render/proto): a misspelt field or a wrong type would only show when Envoy starts.
import { describe, expect, it } from 'vitest';
import { checkMessage } from '@epic/envoy-render/proto';
import {
  adminClusterName,
  bootstrapText,
  bootstrapTypeUrl,
  nodeMetadataKey,
  renderBootstrap,
  xdsClusterName,
} from './bootstrap.js';
import { envoyPodSettings } from './pod-settings.js';

const lb = { kind: 'LoadBalancer', namespace: 'epic-root', name: 'sample-acnodal' } as const;
const proxy = { kind: 'GWProxy', namespace: 'epic-acme', name: 'gw-1' } as const;

describe('renderBootstrap', () => {
  it.each([
    ['a LoadBalancer, xDS server by DNS name', lb, { address: 'xds-server.epic.svc', port: 18000 }],
    ['a GWProxy, xDS server by IPv4', proxy, { address: '10.96.0.20', port: 18000 }],
    ['xDS server by IPv6', lb, { address: 'fd00::20', port: 443 }],
  ])('%s is a valid envoy.config.bootstrap.v3.Bootstrap', (_what, who, xds) => {
    const bootstrap = renderBootstrap(who, envoyPodSettings(xds));
    expect(checkMessage(bootstrapTypeUrl, bootstrap).errors).toEqual([]);
  });

  it('names the node <namespace>.<name>, its cluster after the proxy, and says its kind', () => {
    const { node } = renderBootstrap(lb, envoyPodSettings({ address: 'xds', port: 18000 })) as {
      node: Record<string, unknown>;
    };
    expect(node).toEqual({
      id: 'epic-root.sample-acnodal',
      cluster: 'sample-acnodal',
      metadata: {
        [nodeMetadataKey]: { kind: 'LoadBalancer', namespace: 'epic-root', name: 'sample-acnodal' },
      },
    });
  });

  it('takes CDS and LDS over ADS (v3) from the xDS server at the configured address', () => {
    const bootstrap = renderBootstrap(lb, envoyPodSettings({ address: 'xds.epic', port: 18000 }));
    expect(bootstrap['dynamic_resources']).toEqual({
      ads_config: {
        api_type: 'GRPC',
        transport_api_version: 'V3',
        grpc_services: [{ envoy_grpc: { cluster_name: xdsClusterName } }],
        set_node_on_first_message_only: true,
      },
      cds_config: { ads: {}, resource_api_version: 'V3' },
      lds_config: { ads: {}, resource_api_version: 'V3' },
    });
    const clusters = (bootstrap['static_resources'] as { clusters: Record<string, unknown>[] })
      .clusters;
    expect(clusters.find((c) => c['name'] === xdsClusterName)).toMatchObject({
      type: 'STRICT_DNS',
      load_assignment: {
        endpoints: [
          {
            lb_endpoints: [
              {
                endpoint: {
                  address: { socket_address: { address: 'xds.epic', port_value: 18000 } },
                },
              },
            ],
          },
        ],
      },
    });
  });

  it('binds the admin API to 127.0.0.1 and exposes only GET /ready on the readiness port', () => {
    const settings = envoyPodSettings(
      { address: '10.0.0.1', port: 18000 },
      { adminPort: 9901, readyPort: 8081 },
    );
    const bootstrap = renderBootstrap(lb, settings);
    expect(bootstrap['admin']).toEqual({
      address: { socket_address: { address: '127.0.0.1', port_value: 9901 } },
    });
    const text = bootstrapText(bootstrap);
    expect(text).toContain('"port_value": 8081');
    // eslint-disable-next-line @typescript-eslint/no-unsafe-member-access -- a test digs into parsed JSON
    const routes = JSON.parse(text).static_resources.listeners[0].filter_chains[0].filters[0]
      .typed_config.route_config.virtual_hosts[0].routes as unknown[];
    expect(routes).toEqual([
      {
        match: { path: '/ready', headers: [{ name: ':method', string_match: { exact: 'GET' } }] },
        route: { cluster: adminClusterName },
      },
    ]);
  });
});
