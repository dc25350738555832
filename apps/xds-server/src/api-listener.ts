// API listeners for proxyless gRPC clients. A gRPC client does not take a socket listener: it
// resolves its target `xds:///<name>` by asking LDS for the listener `<name>`, which must be an
// api_listener holding an HttpConnectionManager; from there RDS -> CDS -> EDS as Envoy would.
// Naming: a client whose node id is a GWProxy's (`<namespace>.<gwproxy>`) uses the target
//   xds:///<namespace>.<gwproxy>          -> the routes of the proxy's lowest HTTP port
//   xds:///<namespace>.<gwproxy>:<port>   -> the routes of that HTTP port
// Only GWProxies have routes, so only they get API listeners; they are served by name only.
import type { EnvoyResource, ListenerIR } from '@epic/envoy-render';

const hcmType =
  'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';
const routerType = 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router';

/** The listener name a gRPC client's target resolves to (see the header). */
export function apiListenerName(nodeId: string, port?: number): string {
  return port === undefined ? nodeId : `${nodeId}:${port}`;
}

function apiListener(name: string, routeConfigName: string): EnvoyResource {
  return {
    name,
    resource: {
      name,
      api_listener: {
        api_listener: {
          '@type': hcmType,
          stat_prefix: routeConfigName,
          rds: {
            route_config_name: routeConfigName,
            config_source: { ads: {}, resource_api_version: 'V3' },
          },
          http_filters: [
            { name: 'envoy.filters.http.router', typed_config: { '@type': routerType } },
          ],
        },
      },
    },
  };
}

/**
 * One API listener per rendered HTTP(S) route configuration, plus the port-less name for the
 * lowest port. `listeners` is the proxy's IR (sorted by port); `renderedRoutes` the names of
 * the RouteConfigurations actually rendered (a template without an `http` entry renders none).
 */
export function apiListeners(
  nodeId: string,
  listeners: readonly ListenerIR[],
  renderedRoutes: ReadonlySet<string>,
): EnvoyResource[] {
  const http = listeners
    .filter((l) => l.routeConfigName !== undefined && renderedRoutes.has(l.routeConfigName))
    .sort((a, b) => a.port - b.port);
  const first = http[0];
  if (!first?.routeConfigName) return [];
  return [
    apiListener(apiListenerName(nodeId), first.routeConfigName),
    ...http.map((l) => apiListener(apiListenerName(nodeId, l.port), l.routeConfigName ?? '')),
  ];
}
