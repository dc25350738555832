// IR + compiled template -> Envoy v3 resources (proto3 JSON). The renderer builds the parts
// that follow from the CRs (virtual hosts, weighted clusters, endpoints with their tunnels);
// the template decides everything around them.
import { lbEndpoint } from './endpoints.js';
import type {
  ClusterIR,
  Diagnostic,
  ListenerIR,
  ProxyIR,
  RouteConfigIR,
  RouteIR,
  WeightedBackend,
} from './ir.js';
import type { JsonObject, JsonValue } from './json.js';
import type { CompiledTemplate } from './template/compile.js';
import { instantiate, type PlaceholderValues } from './template/instantiate.js';
import { TemplateError, type ResourceKind } from './template/schema.js';

/** One xDS resource: its name and its body as proto3 JSON. */
export interface EnvoyResource {
  readonly name: string;
  readonly resource: JsonObject;
}

export interface EnvoyResources {
  /** The xDS node id of the proxy: `<namespace>.<name>`. */
  readonly nodeId: string;
  readonly listeners: readonly EnvoyResource[];
  readonly routes: readonly EnvoyResource[];
  readonly clusters: readonly EnvoyResource[];
  readonly endpoints: readonly EnvoyResource[];
}

export interface RenderResult {
  readonly resources: EnvoyResources;
  readonly diagnostics: readonly Diagnostic[];
}

/** The field of each resource kind that carries its xDS name. */
const nameField: Readonly<Record<ResourceKind, string>> = {
  listeners: 'name',
  routes: 'name',
  clusters: 'name',
  endpoints: 'cluster_name',
};

interface Renderer {
  readonly ir: ProxyIR;
  readonly template: CompiledTemplate;
  readonly proxyValues: PlaceholderValues;
}

/**
 * Instantiates one template entry. The resource must carry the name the renderer chose: a
 * template that hard-codes a name would make every listener or cluster collide.
 */
function renderEntry(
  r: Renderer,
  kind: ResourceKind,
  entry: string,
  spec: { name: string; values: PlaceholderValues },
): EnvoyResource | undefined {
  const node = r.template.entries[kind][entry];
  if (!node) return undefined;
  const where = `envoy-template ${kind} "${entry}" for ${r.ir.kind} ${r.ir.namespace}/${r.ir.name}`;
  const resource = instantiate(node, { ...r.proxyValues, ...spec.values }, where) as JsonObject;
  if (resource[nameField[kind]] !== spec.name) {
    throw new TemplateError(
      `${where}: ${nameField[kind]} must be the placeholder the renderer fills (got ${JSON.stringify(resource[nameField[kind]] ?? null)})`,
    );
  }
  return { name: spec.name, resource };
}

function weightedClusters(backends: readonly WeightedBackend[]): JsonObject {
  return { clusters: backends.map((b) => ({ name: b.cluster, weight: b.weight })) };
}

function listenerValues(ir: ProxyIR, listener: ListenerIR): PlaceholderValues {
  const socket = (address: string) => ({
    socket_address: { address, port_value: listener.port, protocol: listener.protocol },
  });
  return {
    ListenerName: listener.name,
    Address: ir.publicAddress,
    AdditionalAddresses: ir.altAddress ? [{ address: socket(ir.altAddress) }] : [],
    Port: listener.port,
    Protocol: listener.protocol,
    StatPrefix: listener.name,
    WeightedClusters: weightedClusters(listener.backends),
    ClusterName: listener.backends[0]?.cluster,
    RouteConfigName: listener.routeConfigName,
  };
}

function routeAction(backends: readonly WeightedBackend[]): JsonObject {
  if (backends.length === 0) return { direct_response: { status: 500 } };
  if (backends.length === 1) return { route: { cluster: backends[0]!.cluster } };
  return { route: { weighted_clusters: weightedClusters(backends) } };
}

function virtualHosts(config: RouteConfigIR): JsonValue {
  return config.virtualHosts.map((host) => ({
    name: host.name,
    domains: host.domains,
    routes: host.routes.map((route: RouteIR) => ({
      name: route.name,
      match: route.match,
      ...routeAction(route.backends),
    })),
  }));
}

interface Rendered {
  listeners: EnvoyResource[];
  routes: EnvoyResource[];
  diagnostics: Diagnostic[];
}

function renderListeners(r: Renderer): Rendered {
  const out: Rendered = { listeners: [], routes: [], diagnostics: [] };
  const object = `${r.ir.kind} ${r.ir.namespace}/${r.ir.name}`;
  for (const listener of r.ir.listeners) {
    const rendered = renderEntry(r, 'listeners', listener.kind, {
      name: listener.name,
      values: listenerValues(r.ir, listener),
    });
    if (!rendered) {
      out.diagnostics.push({
        object,
        message: `port ${listener.port} needs a "${listener.kind}" listener template, and the envoy-template has none; not rendered`,
      });
      continue;
    }
    if (listener.kind === 'udp' && listener.backends.length > 1) {
      out.diagnostics.push({
        object,
        message: `UDP port ${listener.port} proxies to one cluster; ${listener.backends[0]!.cluster} is used`,
      });
    }
    out.listeners.push(rendered);
    const config = r.ir.routeConfigs.find((c) => c.name === listener.routeConfigName);
    if (!config) continue;
    const route = renderEntry(r, 'routes', 'http', {
      name: config.name,
      values: { RouteConfigName: config.name, VirtualHosts: virtualHosts(config) },
    });
    if (route) out.routes.push(route);
  }
  return out;
}

function renderCluster(r: Renderer, cluster: ClusterIR): [EnvoyResource, EnvoyResource] {
  const values = { ClusterName: cluster.name, LbEndpoints: cluster.endpoints.map(lbEndpoint) };
  return [
    renderEntry(r, 'clusters', 'default', { name: cluster.name, values })!,
    renderEntry(r, 'endpoints', 'default', { name: cluster.name, values })!,
  ];
}

/** Renders a proxy's IR through a compiled template. Throws TemplateError or MissingValueError. */
export function renderIR(ir: ProxyIR, template: CompiledTemplate): RenderResult {
  const r: Renderer = {
    ir,
    template,
    proxyValues: {
      NodeID: ir.nodeId,
      ProxyName: ir.name,
      ProxyNamespace: ir.namespace,
      DisplayName: ir.displayName,
    },
  };
  const { listeners, routes, diagnostics } = renderListeners(r);
  const pairs = ir.clusters.map((cluster) => renderCluster(r, cluster));
  return {
    resources: {
      nodeId: ir.nodeId,
      listeners,
      routes,
      clusters: pairs.map(([cluster]) => cluster),
      endpoints: pairs.map(([, endpoints]) => endpoints),
    },
    diagnostics: [...ir.diagnostics, ...diagnostics],
  };
}
