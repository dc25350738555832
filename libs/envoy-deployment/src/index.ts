// @epic/envoy-deployment: a LoadBalancer or GWProxy -> its Envoy Deployment and bootstrap
// ConfigMap (server-side apply bodies), and its pods -> the ProxyReady condition. Pure: no I/O,
// no clock; the envoy-renderer app reads and writes Kubernetes around these decisions.
export {
  adminClusterName,
  bootstrapText,
  bootstrapTypeUrl,
  nodeMetadataKey,
  readyListenerName,
  renderBootstrap,
  xdsClusterName,
} from './bootstrap.js';
export { renderEnvoyManifests, type EnvoyManifests, type RenderInput } from './deployment.js';
export {
  chooseEnvoy,
  isRefusalReason,
  refusalReasons,
  type EnvoyChoice,
  type GroupView,
  type Refusal,
  type RefusalReason,
} from './envoy-choice.js';
export {
  bootstrapDir,
  bootstrapKey,
  envoyComponent,
  envoyLabels,
  envoyObjectName,
  envoyRendererFieldManager,
  envoyRendererFinalizer,
  labelSelectorText,
  labelValueProblem,
  podHashAnnotation,
  selectorLabels,
} from './envoy-names.js';
export type * from './manifests.js';
export {
  holdsEnvoyFinalizer,
  ownershipOf,
  withEnvoyFinalizer,
  withoutEnvoyFinalizer,
  type Ownership,
  type OwnedView,
} from './ownership.js';
export { planEnvoyDeployment, type EnvoyPlan, type PlanInput } from './plan.js';
export {
  containerPorts,
  containerSecurityContext,
  lowestPrivilegedPort,
  podSecurityContext,
} from './pod-security.js';
export {
  defaultEnvoyResources,
  envoyLogLevels,
  envoyPodSettings,
  type EnvoyLogLevel,
  type EnvoyPodSettings,
  type XdsServerAddress,
} from './pod-settings.js';
export {
  describeProxy,
  owningLabelOf,
  ownerReferenceTo,
  proxySourceOf,
  type ProxyKind,
  type ProxyPort,
  type ProxySource,
} from './proxy-source.js';
export {
  countPods,
  proxyReadyCondition,
  proxyReadyConditionType,
  refusedCondition,
  type PodCounts,
  type PodView,
  type ReadinessInput,
} from './readiness.js';
