// What keeps a node's table from being complete. Problems are results, not errors: the table
// still holds everything that can be programmed, and each problem carries a stable sentence for
// a condition or a log line (no timestamps, so the table hash stays stable).
import { describeProxy, type ProxyRef } from './inputs.js';

/** The data plane's tunnel map holds at most this many entries per node. */
export const tunnelMapLimit = 65535;

export type TableProblem =
  | {
      kind: 'no-tunnel-id';
      proxy: ProxyRef;
      clientAddress: string;
      epicAddress: string;
      message: string;
    }
  | { kind: 'no-interface'; proxy: ProxyRef; pod: string; message: string }
  | {
      kind: 'conflicting-tunnel-ids';
      proxy: ProxyRef;
      clientAddress: string;
      epicAddress: string;
      tunnelId: number;
      seedTunnelId: number;
      message: string;
    }
  | {
      kind: 'duplicate-tunnel-id';
      tunnelId: number;
      proxy: ProxyRef;
      clientAddress: string;
      keptProxy: ProxyRef;
      keptClientAddress: string;
      message: string;
    }
  | { kind: 'tunnel-map-full'; count: number; limit: number; message: string };

export type TableProblemKind = TableProblem['kind'];

interface Pair {
  proxy: ProxyRef;
  clientAddress: string;
  epicAddress: string;
  node: string;
}

export function noTunnelId(pair: Pair): TableProblem {
  return {
    kind: 'no-tunnel-id',
    proxy: pair.proxy,
    clientAddress: pair.clientAddress,
    epicAddress: pair.epicAddress,
    message:
      `${describeProxy(pair.proxy)} has no tunnel ID yet for client node ${pair.clientAddress} ` +
      `and EPIC node ${pair.node} (${pair.epicAddress}); its tunnel waits for the id-allocator`,
  };
}

export function noInterface(proxy: ProxyRef, pod: string, node: string): TableProblem {
  return {
    kind: 'no-interface',
    proxy,
    pod,
    message:
      `Envoy pod ${proxy.namespace}/${pod} of ${describeProxy(proxy)} has no known interface ` +
      `on node ${node} yet; its gateways wait for it`,
  };
}

export function conflictingTunnelIds(
  pair: Pair,
  ids: { tunnelId: number; seedTunnelId: number },
): TableProblem {
  return {
    kind: 'conflicting-tunnel-ids',
    proxy: pair.proxy,
    clientAddress: pair.clientAddress,
    epicAddress: pair.epicAddress,
    ...ids,
    message:
      `${describeProxy(pair.proxy)}: client node ${pair.clientAddress} has tunnel ID ` +
      `${ids.tunnelId} in epic-endpoints[${pair.epicAddress}] but ${ids.seedTunnelId} in its ` +
      `seed fields; using ${ids.tunnelId}`,
  };
}

export function duplicateTunnelId(args: {
  tunnelId: number;
  proxy: ProxyRef;
  clientAddress: string;
  kept: { proxy: ProxyRef; clientAddress: string };
  node: string;
}): TableProblem {
  return {
    kind: 'duplicate-tunnel-id',
    tunnelId: args.tunnelId,
    proxy: args.proxy,
    clientAddress: args.clientAddress,
    keptProxy: args.kept.proxy,
    keptClientAddress: args.kept.clientAddress,
    message:
      `tunnel ID ${args.tunnelId} on node ${args.node} is claimed by ${describeProxy(args.kept.proxy)} ` +
      `(client node ${args.kept.clientAddress}) and by ${describeProxy(args.proxy)} ` +
      `(client node ${args.clientAddress}); only the first is programmed`,
  };
}

export function tunnelMapFull(count: number, node: string): TableProblem {
  return {
    kind: 'tunnel-map-full',
    count,
    limit: tunnelMapLimit,
    message: `node ${node} needs ${count} tunnels but its data plane holds at most ${tunnelMapLimit}`,
  };
}
