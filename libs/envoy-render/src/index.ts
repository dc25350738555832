// @epic/envoy-render: LoadBalancers and GWProxies -> Envoy v3 resources, through the service
// group's envoy-template, split per xDS type with content hashes. Pure: no I/O, no clock.
export { endpointMetadataKey, type TunnelMap } from './endpoints.js';
export { gwProxyIR, type GWProxySources } from './gateway-ir.js';
export { hostnameProblem, routeHostnames } from './hostnames.js';
export type {
  ClusterIR,
  Diagnostic,
  EndpointIR,
  ListenerIR,
  ProxyIR,
  RouteConfigIR,
  RouteIR,
  VirtualHostIR,
  WeightedBackend,
} from './ir.js';
export { canonicalJson, type JsonObject, type JsonValue } from './json.js';
export { loadBalancerIR, type LoadBalancerSources } from './load-balancer-ir.js';
export { backendClusterName, listenerName, loadBalancerClusterName, nodeIdOf } from './names.js';
export { renderIR, type EnvoyResource, type EnvoyResources, type RenderResult } from './render.js';
export {
  renderGWProxy,
  renderLoadBalancer,
  templateFor,
  type TemplateSource,
} from './render-proxy.js';
export { compileTemplate, type CompiledTemplate } from './template/compile.js';
export { defaultEnvoyTemplate } from './template/default-template.js';
export { MissingValueError } from './template/instantiate.js';
export { placeholdersFor } from './template/placeholders.js';
export {
  EnvoyTemplateSpec,
  TemplateError,
  parseTemplateSpec,
  listenerKinds,
  templateEntryNames,
  type ListenerKind,
} from './template/schema.js';
export {
  changedXdsTypes,
  contentHash,
  splitByXdsType,
  xdsTypeUrls,
  xdsTypes,
  type XdsSnapshot,
  type XdsType,
  type XdsTypeSnapshot,
} from './xds-split.js';
