// The renderer's front door: a LoadBalancer or GWProxy with what it points at -> Envoy
// resources. Pure: same objects in, same resources out, whatever order lists arrive in.
import { gwProxyIR, type GWProxySources } from './gateway-ir.js';
import { loadBalancerIR, type LoadBalancerSources } from './load-balancer-ir.js';
import { renderIR, type RenderResult } from './render.js';
import { compileTemplate } from './template/compile.js';

export interface TemplateSource {
  /**
   * The envoy-template as read from the CR: the proxy's own copy, else its service group's
   * (see templateFor). Undefined renders with the built-in default.
   */
  readonly template?: unknown;
}

interface HasTemplate {
  readonly spec?: { readonly 'envoy-template'?: Record<string, unknown> | undefined } | undefined;
}

/** The template a proxy is rendered with: its own copy, else its group's, else the default. */
export function templateFor(proxy: HasTemplate, group?: HasTemplate): unknown {
  return proxy.spec?.['envoy-template'] ?? group?.spec?.['envoy-template'];
}

/**
 * Renders a LoadBalancer: one TCP/UDP proxy listener per public port in front of one EDS
 * cluster of the RemoteEndpoints serving that port. Throws TemplateError for an unusable
 * template and MissingValueError when a placeholder has no value (e.g. no public address yet).
 */
export function renderLoadBalancer(sources: LoadBalancerSources & TemplateSource): RenderResult {
  return renderIR(loadBalancerIR(sources), compileTemplate(sources.template));
}

/**
 * Renders a GWProxy: its Gateway listeners, with HTTPRoutes as RouteConfigurations and
 * TCPRoutes as TCP proxies, and one EDS cluster per backend Service fed by its
 * GWEndpointSlices. Throws like renderLoadBalancer.
 */
export function renderGWProxy(sources: GWProxySources & TemplateSource): RenderResult {
  return renderIR(gwProxyIR(sources), compileTemplate(sources.template));
}
