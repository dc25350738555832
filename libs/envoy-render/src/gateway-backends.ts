// Gateway backends: backendRefs -> weighted Envoy clusters, and each cluster's endpoints from
// the GWEndpointSlices of its client Service (joined by Service UID = slice parentRef.uid).
import type { GWEndpointSliceInput } from '@epic/model';
import { resolveEndpoint, uniqueEndpoints, type TunnelMap } from './endpoints.js';
import type { ClusterIR, Diagnostic, EndpointIR, WeightedBackend } from './ir.js';
import { compareStrings } from './json.js';
import { backendClusterName, type TransportProtocol } from './names.js';
import { byName, objectRef } from './diagnostics.js';

export interface BackendRefInput {
  readonly name: string;
  readonly kind?: string | undefined;
  readonly group?: string | undefined;
  readonly port?: number | undefined;
  readonly weight?: number | undefined;
}

interface ClusterTarget {
  readonly serviceUid: string;
  readonly port?: number | undefined;
}

/** The clusters the proxy's routes use, by name; filled while routes are translated. */
export type ClusterRegistry = Map<string, ClusterTarget>;

function isService(ref: BackendRefInput): boolean {
  return (ref.kind ?? 'Service') === 'Service' && (ref.group ?? '') === '';
}

/**
 * A rule's backendRefs -> weighted clusters (weight 0 and repeats folded away). A backend that
 * is not a Service is reported and left out; an empty result means "answer 500".
 */
export function weightedBackends(
  refs: readonly BackendRefInput[],
  namespace: string,
  registry: ClusterRegistry,
  report: (message: string) => void,
): WeightedBackend[] {
  const weights = new Map<string, number>();
  for (const ref of refs) {
    if (!isService(ref)) {
      report(
        `backend "${ref.name}" is a ${ref.kind ?? ''} of group "${ref.group ?? ''}", not a Service; left out`,
      );
      continue;
    }
    const weight = ref.weight ?? 1;
    if (weight <= 0) continue;
    const cluster = backendClusterName(namespace, ref.name, ref.port);
    registry.set(cluster, { serviceUid: ref.name, port: ref.port });
    weights.set(cluster, (weights.get(cluster) ?? 0) + weight);
  }
  return [...weights.entries()].map(([cluster, weight]) => ({ cluster, weight }));
}

type Slice = GWEndpointSliceInput;
type SlicePort = NonNullable<Slice['spec']['ports']>[number];

const transports: Readonly<Record<string, TransportProtocol | undefined>> = {
  TCP: 'TCP',
  UDP: 'UDP',
};

/**
 * The slice port a cluster uses: the only one, else the one numbered like the backendRef's
 * port (Service port == target port is the common case), else the first.
 */
function slicePort(
  slice: Slice,
  wanted: number | undefined,
): { port: number; protocol: TransportProtocol } | string {
  const ports = (slice.spec.ports ?? []).filter(
    (p): p is SlicePort & { port: number } => p.port !== undefined,
  );
  const chosen =
    (wanted === undefined ? undefined : ports.find((p) => p.port === wanted)) ?? ports[0];
  if (!chosen) return 'the slice lists no port';
  const protocol = transports[chosen.protocol ?? 'TCP'];
  if (!protocol) return `port ${chosen.port}/${chosen.protocol ?? ''} is neither TCP nor UDP`;
  return { port: chosen.port, protocol };
}

type SliceEndpoint = Slice['spec']['endpoints'][number];

/** EPIC's own `node-address`, else the original clients' nodeName -> nodeAddresses map. */
function nodeAddressOf(slice: Slice, endpoint: SliceEndpoint): string | undefined {
  if (endpoint['node-address']) return endpoint['node-address'];
  return endpoint.nodeName ? slice.spec.nodeAddresses?.[endpoint.nodeName] : undefined;
}

function sliceEndpoints(
  slice: Slice,
  target: ClusterTarget,
  tunnels: TunnelMap,
  report: (message: string) => void,
): EndpointIR[] {
  if (slice.spec.addressType === 'FQDN') {
    report('FQDN endpoints are not supported (Envoy needs IP addresses); slice skipped');
    return [];
  }
  const port = slicePort(slice, target.port);
  if (typeof port === 'string') {
    report(`${port}; slice skipped`);
    return [];
  }
  const found: EndpointIR[] = [];
  for (const endpoint of slice.spec.endpoints) {
    // Kubernetes: an unset `ready` means ready.
    if (endpoint.conditions?.ready === false) continue;
    const nodeAddress = nodeAddressOf(slice, endpoint);
    for (const address of endpoint.addresses) {
      const verdict = resolveEndpoint({ address, ...port, nodeAddress }, tunnels);
      if (verdict.ok) found.push(verdict.endpoint);
      else report(`${verdict.reason}; endpoint ${address} skipped`);
    }
  }
  return found;
}

/** Every registered cluster with the endpoints its slices hold, sorted by name. */
export function backendClusters(
  registry: ClusterRegistry,
  slices: readonly Slice[],
  tunnels: TunnelMap,
): { clusters: ClusterIR[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const live = slices.filter((slice) => !slice.metadata.deletionTimestamp).sort(byName);
  const clusters = [...registry.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([name, target]) => {
      const endpoints = live
        .filter((slice) => slice.spec.parentRef.uid === target.serviceUid)
        .flatMap((slice) =>
          sliceEndpoints(slice, target, tunnels, (message) =>
            diagnostics.push({ object: objectRef('GWEndpointSlice', slice), message }),
          ),
        );
      return { name, endpoints: uniqueEndpoints(endpoints) };
    });
  return { clusters, diagnostics };
}
