// The tunnel-programmer's pure parts: what each EPIC node's tunnel table should be, how it
// differs from what the node's data plane reports, the commands (argv, never run here) that
// close the gap, and the status fields and finalizers the node agent owns.
export {
  agentStatusFields,
  mergeAgentStatus,
  type AgentStatusFields,
  type TunnelStatus,
} from './agent-status.js';
export { compareAddresses } from './compare.js';
export {
  diffResources,
  resourceKey,
  sameSpec,
  type DiffInput,
  type DiffOp,
  type KindPolicy,
  type Resource,
  type SpecValue,
} from './diff.js';
export {
  planNode,
  ReadbackParseError,
  type Command,
  type DesiredState,
  type Driver,
  type DriverName,
  type DriverProblem,
  type NodePlan,
} from './driver.js';
export {
  agentFinalizer,
  agentFinalizersAfter,
  isAgentFinalizer,
  staleAgentFinalizers,
  type AgentFinalizerInput,
} from './finalizers.js';
export {
  endpointsFromRemoteEndpoints,
  endpointsFromSlices,
  epicNodeFromNode,
  ifindexAnnotation,
  ifnameAnnotation,
  proxyPodFromPod,
  tunnelProxyFromGWProxy,
  tunnelProxyFromLoadBalancer,
  type NodeLike,
  type PodLike,
} from './from-objects.js';
export {
  compareProxies,
  describeProxy,
  proxyKey,
  sameProxy,
  type EpicNode,
  type ProxyInterface,
  type ProxyKind,
  type ProxyPod,
  type ProxyRef,
  type TunnelProxy,
  type UpstreamEndpoint,
} from './inputs.js';
export { linuxCommands, linuxDesired, linuxDriver } from './linux.js';
export {
  deviceKind,
  fouKind,
  greKeyValue,
  linuxActual,
  linuxDeviceName,
  parseIpFouShow,
  parseIpLinkShow,
  parseIpRouteShow,
  routeKind,
  tunnelIdOfDevice,
} from './linux-parse.js';
export {
  nodeTunnelTable,
  nodeTunnelTables,
  type NodeTunnelTable,
  type ProxyTable,
  type TableEndpoint,
  type TablePod,
  type TunnelPlanInput,
  type TunnelRow,
} from './node-table.js';
export {
  resolveTunnel,
  type PairQuery,
  type Resolution,
  type ResolvedTunnel,
  type TunnelSource,
} from './resolve-tunnel.js';
export { canonicalJson, contentHash, programJobId, tableHashLength } from './table-hash.js';
export {
  noInterface,
  tunnelMapLimit,
  type TableProblem,
  type TableProblemKind,
} from './table-problems.js';
export {
  defaultTrueIngressBinDir,
  trueIngressCommands,
  trueIngressDesired,
  trueIngressDriver,
} from './true-ingress.js';
export {
  gatewayKind,
  parseCliServiceGetAll,
  parseCliTunnelGetAll,
  trueIngressActual,
  tunnelKind,
  type TrueIngressGateway,
  type TrueIngressTunnel,
} from './true-ingress-parse.js';
