// Upstream endpoints and the GUE tunnels that reach them. An endpoint on a client node is only
// reachable through that node's tunnel, so it waits (is left out, with a diagnostic) until its
// tunnel ID is allocated; an endpoint without a node address is ad hoc, reached directly. The
// tunnel identity rides along in the endpoint's metadata for the data plane.
import { isIPAddress } from '@epic/model';
import { compareStrings, type JsonObject } from './json.js';
import type { EndpointIR } from './ir.js';
import type { TransportProtocol } from './names.js';

/** The metadata namespace of the tunnel identity in each LbEndpoint. */
export const endpointMetadataKey = 'epic.acnodal.io';

interface TunnelEntry {
  readonly 'tunnel-id'?: number | undefined;
  readonly 'epic-endpoints'?: Readonly<
    Record<string, { readonly 'tunnel-id'?: number | undefined }>
  >;
}

/** A proxy's status.gue-tunnel-endpoints: client node address -> tunnels. */
export type TunnelMap = Readonly<Record<string, TunnelEntry>>;

export interface EndpointCandidate {
  readonly address: string;
  readonly port: number;
  readonly protocol: TransportProtocol;
  readonly nodeAddress?: string | undefined;
}

export type EndpointVerdict = { ok: true; endpoint: EndpointIR } | { ok: false; reason: string };

/** An ID of 0 was never handed out: it is the zero value, i.e. "none yet". */
function allocated(id: number | undefined): id is number {
  return id !== undefined && id > 0;
}

function epicTunnelIds(entry: TunnelEntry): Record<string, number> | undefined {
  const pairs = Object.entries(entry['epic-endpoints'] ?? {})
    .filter((pair): pair is [string, { 'tunnel-id': number }] => allocated(pair[1]['tunnel-id']))
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([epicAddress, tunnel]) => [epicAddress, tunnel['tunnel-id']] as const);
  return pairs.length === 0 ? undefined : Object.fromEntries(pairs);
}

/** Decides whether a candidate endpoint can be served now, and with which tunnel. */
export function resolveEndpoint(candidate: EndpointCandidate, tunnels: TunnelMap): EndpointVerdict {
  const { address, port, protocol, nodeAddress } = candidate;
  if (!isIPAddress(address))
    return { ok: false, reason: `address "${address}" is not an IP address` };
  if (nodeAddress === undefined || nodeAddress === '') {
    return { ok: true, endpoint: { address, port, protocol } };
  }
  const entry = tunnels[nodeAddress];
  const tunnelId = entry?.['tunnel-id'];
  if (!entry || !allocated(tunnelId)) {
    return { ok: false, reason: `waiting for a tunnel ID for client node ${nodeAddress}` };
  }
  const perEpicNode = epicTunnelIds(entry);
  return {
    ok: true,
    endpoint: {
      address,
      port,
      protocol,
      nodeAddress,
      tunnelId,
      ...(perEpicNode ? { epicTunnelIds: perEpicNode } : {}),
    },
  };
}

function endpointKey(e: EndpointIR): string {
  return `${e.address}|${e.port}|${e.protocol}`;
}

/** Sorted by address, port and protocol; the same endpoint reported twice counts once. */
export function uniqueEndpoints(endpoints: readonly EndpointIR[]): EndpointIR[] {
  const byKey = new Map<string, EndpointIR>();
  for (const endpoint of endpoints) {
    const key = endpointKey(endpoint);
    if (!byKey.has(key)) byKey.set(key, endpoint);
  }
  return [...byKey.values()].sort(compareEndpoints);
}

function compareEndpoints(a: EndpointIR, b: EndpointIR): number {
  return (
    compareStrings(a.address, b.address) ||
    a.port - b.port ||
    compareStrings(a.protocol, b.protocol)
  );
}

function tunnelMetadata(endpoint: EndpointIR): JsonObject | undefined {
  if (endpoint.nodeAddress === undefined || endpoint.tunnelId === undefined) return undefined;
  return {
    'node-address': endpoint.nodeAddress,
    'tunnel-id': endpoint.tunnelId,
    ...(endpoint.epicTunnelIds ? { 'epic-tunnel-ids': endpoint.epicTunnelIds } : {}),
  };
}

/** An Envoy LbEndpoint (proto3 JSON) with the tunnel identity in its filter metadata. */
export function lbEndpoint(endpoint: EndpointIR): JsonObject {
  const metadata = tunnelMetadata(endpoint);
  return {
    endpoint: {
      address: {
        socket_address: {
          address: endpoint.address,
          port_value: endpoint.port,
          protocol: endpoint.protocol,
        },
      },
    },
    ...(metadata ? { metadata: { filter_metadata: { [endpointMetadataKey]: metadata } } } : {}),
  };
}
