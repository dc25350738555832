// A LoadBalancer and its RemoteEndpoints -> IR. Each public port becomes a TCP (or UDP) proxy
// listener in front of one cluster holding the endpoints that serve that port, from every
// client cluster in `upstream-clusters`.
import type {
  EndpointPort,
  LoadBalancerInput,
  RemoteEndpointInput,
  ServicePort,
} from '@epic/model';
import { resolveEndpoint, uniqueEndpoints, type TunnelMap } from './endpoints.js';
import { compareStrings } from './json.js';
import type { ClusterIR, Diagnostic, EndpointIR, ListenerIR, ProxyIR } from './ir.js';
import {
  listenerName,
  loadBalancerClusterName,
  nodeIdOf,
  type ProxyRef,
  type TransportProtocol,
} from './names.js';
import { byName, objectRef, proxyRefOf, uniqueDiagnostics } from './diagnostics.js';

export interface LoadBalancerSources {
  readonly loadBalancer: LoadBalancerInput;
  /** The LB's RemoteEndpoints (label epic.acnodal.io/owning-loadbalancer). */
  readonly remoteEndpoints: readonly RemoteEndpointInput[];
}

type PortInput = Omit<ServicePort, 'protocol'> & { protocol?: ServicePort['protocol'] | undefined };
type EndpointPortInput = Omit<EndpointPort, 'protocol'> & {
  protocol?: EndpointPort['protocol'] | undefined;
};

const transports: Readonly<Record<string, TransportProtocol | undefined>> = {
  TCP: 'TCP',
  UDP: 'UDP',
};

interface PublicPort {
  readonly spec: PortInput;
  readonly protocol: TransportProtocol;
}

function publicPorts(lb: LoadBalancerInput, report: (message: string) => void): PublicPort[] {
  const seen = new Set<string>();
  const ports: PublicPort[] = [];
  for (const spec of lb.spec['public-ports'] ?? []) {
    const protocol = transports[spec.protocol ?? 'TCP'];
    const key = `${spec.protocol ?? 'TCP'}/${spec.port}`;
    if (!protocol) report(`public port ${key}: Envoy proxies TCP and UDP only; port skipped`);
    else if (seen.has(key)) report(`public port ${key} is listed twice; the first one is used`);
    else ports.push({ spec, protocol });
    seen.add(key);
  }
  return ports.sort((a, b) => a.spec.port - b.spec.port || compareStrings(a.protocol, b.protocol));
}

/**
 * Whether an endpoint port serves a public port. With one public port every endpoint of the
 * same protocol does; with several, the endpoint's port name must match the service port's
 * name, or its number the service port's targetPort (the port itself when there is none).
 */
function servesPort(endpoint: EndpointPortInput, target: PublicPort, onlyPort: boolean): boolean {
  if ((endpoint.protocol ?? 'TCP') !== target.protocol) return false;
  if (onlyPort) return true;
  const { name, targetPort, port } = target.spec;
  if (name && endpoint.name) return name === endpoint.name;
  if (typeof targetPort === 'string') return endpoint.name === targetPort;
  return endpoint.port === (targetPort ?? port);
}

interface Collected {
  readonly byPort: Map<PublicPort, EndpointIR[]>;
  readonly diagnostics: Diagnostic[];
}

function collectEndpoints(sources: LoadBalancerSources, ports: readonly PublicPort[]): Collected {
  const { loadBalancer: lb } = sources;
  const upstream = new Set(lb.spec['upstream-clusters'] ?? []);
  const tunnels: TunnelMap = lb.status?.['gue-tunnel-endpoints'] ?? {};
  const byPort = new Map<PublicPort, EndpointIR[]>(ports.map((p) => [p, []]));
  const diagnostics: Diagnostic[] = [];
  for (const rep of [...sources.remoteEndpoints].sort(byName)) {
    if (rep.metadata.deletionTimestamp) continue;
    const report = (message: string) =>
      diagnostics.push({ object: objectRef('RemoteEndpoint', rep), message });
    if (!upstream.has(rep.spec.cluster)) {
      report(
        `cluster "${rep.spec.cluster}" is not in the LoadBalancer's upstream-clusters; endpoint skipped`,
      );
      continue;
    }
    const served = ports.filter((p) => servesPort(rep.spec.port, p, ports.length === 1));
    if (served.length === 0)
      report(`port ${rep.spec.port.port} serves no public port; endpoint skipped`);
    for (const port of served) {
      const verdict = resolveEndpoint(
        {
          address: rep.spec.address,
          port: rep.spec.port.port,
          protocol: port.protocol,
          nodeAddress: rep.spec['node-address'],
        },
        tunnels,
      );
      if (verdict.ok) byPort.get(port)!.push(verdict.endpoint);
      else report(`${verdict.reason}; endpoint skipped`);
    }
  }
  return { byPort, diagnostics };
}

/** A LoadBalancer and its RemoteEndpoints -> the IR its Envoy configuration is rendered from. */
export function loadBalancerIR(sources: LoadBalancerSources): ProxyIR {
  const lb = sources.loadBalancer;
  const proxy: ProxyRef = proxyRefOf('LoadBalancer', lb);
  const diagnostics: Diagnostic[] = [];
  const ports = publicPorts(lb, (message) =>
    diagnostics.push({ object: objectRef('LoadBalancer', lb), message }),
  );
  const collected = collectEndpoints(sources, ports);
  const listeners: ListenerIR[] = [];
  const clusters: ClusterIR[] = [];
  for (const port of ports) {
    const cluster = loadBalancerClusterName(proxy, port.protocol, port.spec.port);
    listeners.push({
      name: listenerName(proxy, port.protocol, port.spec.port),
      kind: port.protocol === 'UDP' ? 'udp' : 'tcp',
      port: port.spec.port,
      protocol: port.protocol,
      backends: [{ cluster, weight: 1 }],
    });
    clusters.push({ name: cluster, endpoints: uniqueEndpoints(collected.byPort.get(port) ?? []) });
  }
  return {
    kind: 'LoadBalancer',
    ...proxy,
    nodeId: nodeIdOf(proxy),
    displayName: lb.spec['display-name'] || proxy.name,
    ...(lb.spec['public-address'] ? { publicAddress: lb.spec['public-address'] } : {}),
    listeners,
    routeConfigs: [],
    clusters: clusters.sort((a, b) => compareStrings(a.name, b.name)),
    diagnostics: uniqueDiagnostics([...diagnostics, ...collected.diagnostics]),
  };
}
