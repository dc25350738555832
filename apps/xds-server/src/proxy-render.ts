// The objects of one proxy -> its Envoy resources, through envoy-render. GWProxies also get
// API listeners for proxyless gRPC clients (api-listener.ts), which only named subscriptions
// see.
import {
  compileTemplate,
  gwProxyIR,
  renderIR,
  renderLoadBalancer,
  templateFor,
  type Diagnostic,
  type EnvoyResources,
} from '@epic/envoy-render';
import type { GWProxyInput, LBServiceGroupInput } from '@epic/model';
import { apiListeners } from './api-listener.js';
import {
  gatewayGroup,
  loadBalancerGroup,
  type GatewayBundle,
  type LoadBalancerBundle,
} from './proxy-bundles.js';
import type { ProxyKey } from './snapshot.js';

export interface RenderedProxy {
  readonly resources: EnvoyResources;
  readonly diagnostics: readonly Diagnostic[];
  /** Listener names served only to named subscriptions (API listeners). */
  readonly byNameOnly: ReadonlySet<string>;
}

export function renderLoadBalancerProxy(bundle: LoadBalancerBundle): RenderedProxy {
  const result = renderLoadBalancer({
    loadBalancer: bundle.lb,
    remoteEndpoints: bundle.endpoints,
    template: templateFor(bundle.lb, bundle.group),
  });
  return { ...result, byNameOnly: new Set() };
}

export function renderGatewayProxy(proxy: GWProxyInput, bundle: GatewayBundle): RenderedProxy {
  const group = bundle.groups.get(gatewayGroup(proxy) ?? '');
  const ir = gwProxyIR({ proxy, routes: bundle.routes, slices: bundle.slices });
  const result = renderIR(ir, compileTemplate(templateFor(proxy, group)));
  const routes = new Set(result.resources.routes.map((r) => r.name));
  const api = apiListeners(ir.nodeId, ir.listeners, routes);
  return {
    resources: { ...result.resources, listeners: [...result.resources.listeners, ...api] },
    diagnostics: result.diagnostics,
    byNameOnly: new Set(api.map((l) => l.name)),
  };
}

interface ProxyObject {
  readonly metadata: {
    readonly namespace?: string | undefined;
    readonly name?: string | undefined;
    readonly generation?: number | undefined;
  };
}

interface KeyParts {
  readonly kind: ProxyKey['kind'];
  readonly object: ProxyObject;
  readonly group: string | undefined;
  /** The group as found (absent: not found, assumed in the proxy's namespace). */
  readonly found: LBServiceGroupInput | undefined;
}

function keyOf({ kind, object, group, found }: KeyParts): ProxyKey {
  const namespace = object.metadata.namespace ?? '';
  return {
    kind,
    namespace,
    name: object.metadata.name ?? '',
    group,
    groupNamespace: found?.metadata.namespace ?? namespace,
    generation: object.metadata.generation,
  };
}

export function loadBalancerKey(bundle: LoadBalancerBundle): ProxyKey {
  const group = loadBalancerGroup(bundle.lb);
  return keyOf({ kind: 'LoadBalancer', object: bundle.lb, group, found: bundle.group });
}

export function gatewayKey(proxy: GWProxyInput, bundle: GatewayBundle): ProxyKey {
  const group = gatewayGroup(proxy);
  const found = bundle.groups.get(group ?? '');
  return keyOf({ kind: 'GWProxy', object: proxy, group, found });
}
