// The desired tunnel table of each EPIC node: for every proxy with a live Envoy pod on the node,
// its pods (with their veths) and one row per client node its endpoints sit on, carrying the
// tunnel ID and both ends. A proxy being deleted has no rows anywhere. IDs are looked up, never
// invented: a pair without one is reported and left out until the id-allocator writes it.
import type { Protocol } from '@epic/model';
import { compareAddresses, compareStrings } from './compare.js';
import {
  compareProxies,
  proxyKey,
  type EpicNode,
  type ProxyInterface,
  type ProxyPod,
  type ProxyRef,
  type TunnelProxy,
  type UpstreamEndpoint,
} from './inputs.js';
import { resolveTunnel, type TunnelSource } from './resolve-tunnel.js';
import { contentHash } from './table-hash.js';
import {
  conflictingTunnelIds,
  duplicateTunnelId,
  noInterface,
  noTunnelId,
  tunnelMapFull,
  tunnelMapLimit,
  type TableProblem,
} from './table-problems.js';

export interface TableEndpoint {
  address: string;
  port: number;
  protocol: Protocol;
}

/** One tunnel: a (client node, this EPIC node) pair of one proxy. */
export interface TunnelRow {
  tunnelId: number;
  clientAddress: string;
  /** GUE runs on the same port at both ends (the original's clients did the same). */
  clientPort: number;
  epicAddress: string;
  epicPort: number;
  groupId?: number | undefined;
  serviceId?: number | undefined;
  tunnelKey?: string | undefined;
  /** Where the ID was found; the node agent fills `epic-address` there (see agent-status.ts). */
  source: TunnelSource;
  /** The proxy's upstream endpoints on that client node: the gateways into this tunnel. */
  endpoints: TableEndpoint[];
}

export interface TablePod {
  name: string;
  podIP?: string | undefined;
  interface?: ProxyInterface | undefined;
}

export interface ProxyTable {
  proxy: ProxyRef;
  /** This node is the proxy's first EPIC node: it owns the seed fields and proxy-ifindex. */
  firstEpicNode: boolean;
  pods: TablePod[];
  tunnels: TunnelRow[];
}

export interface NodeTunnelTable {
  node: string;
  address: string;
  proxies: ProxyTable[];
  problems: TableProblem[];
  /** Content hash of everything above (see table-hash.ts). */
  hash: string;
}

export interface TunnelPlanInput {
  proxies: readonly TunnelProxy[];
  pods: readonly ProxyPod[];
  nodes: readonly EpicNode[];
}

/** One table per EPIC node, by node name; a node with nothing to carry gets an empty table. */
export function nodeTunnelTables(input: TunnelPlanInput): NodeTunnelTable[] {
  const world = indexWorld(input);
  return [...world.nodes.keys()].sort(compareStrings).map((node) => tableOf(world, node));
}

/** The table of one EPIC node. Throws when the node is not among `input.nodes`. */
export function nodeTunnelTable(input: TunnelPlanInput, node: string): NodeTunnelTable {
  const world = indexWorld(input);
  if (!world.nodes.has(node)) throw new Error(`node ${node} is not an EPIC node of this input`);
  return tableOf(world, node);
}

interface World {
  /** Node name -> address. */
  nodes: Map<string, string>;
  proxies: TunnelProxy[];
  /** Proxy key -> its live pods on known nodes. */
  pods: Map<string, ProxyPod[]>;
}

function indexWorld(input: TunnelPlanInput): World {
  const nodes = new Map<string, string>();
  for (const node of input.nodes) {
    if (nodes.has(node.name)) throw new Error(`EPIC node ${node.name} is listed twice`);
    nodes.set(node.name, node.address);
  }
  const seen = new Set<string>();
  for (const proxy of input.proxies) {
    const key = proxyKey(proxy.ref);
    if (seen.has(key)) throw new Error(`${key} is listed twice`);
    seen.add(key);
  }
  const pods = new Map<string, ProxyPod[]>();
  for (const pod of input.pods) {
    if (pod.deleting || !nodes.has(pod.nodeName)) continue;
    const key = proxyKey(pod.proxy);
    pods.set(key, [...(pods.get(key) ?? []), pod]);
  }
  const live = input.proxies.filter((p) => !p.deleting);
  return { nodes, proxies: [...live].sort((a, b) => compareProxies(a.ref, b.ref)), pods };
}

function tableOf(world: World, node: string): NodeTunnelTable {
  const address = world.nodes.get(node)!;
  const problems: TableProblem[] = [];
  const proxies: ProxyTable[] = [];
  for (const proxy of world.proxies) {
    const pods = world.pods.get(proxyKey(proxy.ref)) ?? [];
    if (!pods.some((pod) => pod.nodeName === node)) continue;
    proxies.push(proxyTable({ world, node, address, proxy, pods }, problems));
  }
  dropDuplicateIds(proxies, node, problems);
  const count = proxies.reduce((sum, p) => sum + p.tunnels.length, 0);
  if (count > tunnelMapLimit) problems.push(tunnelMapFull(count, node));
  const content = { node, address, proxies, problems };
  return { ...content, hash: contentHash(content) };
}

interface ProxyContext {
  world: World;
  node: string;
  address: string;
  proxy: TunnelProxy;
  /** The proxy's live pods on every known node. */
  pods: ProxyPod[];
}

function proxyTable(ctx: ProxyContext, problems: TableProblem[]): ProxyTable {
  const { proxy, node } = ctx;
  const hostAddresses = ctx.pods.map((pod) => ctx.world.nodes.get(pod.nodeName)!);
  const firstEpicAddress = [...hostAddresses].sort(compareAddresses)[0];
  const here = ctx.pods
    .filter((pod) => pod.nodeName === node)
    .sort((a, b) => compareStrings(a.name, b.name));
  for (const pod of here.filter((p) => p.interface === undefined)) {
    problems.push(noInterface(proxy.ref, pod.name, node));
  }
  const tunnels = [...endpointsByClient(proxy.endpoints)].flatMap(([clientAddress, endpoints]) => {
    const pair = { proxy: proxy.ref, clientAddress, epicAddress: ctx.address, node };
    const found = resolveTunnel({
      tunnels: proxy.tunnels,
      clientAddress,
      epicAddress: ctx.address,
      firstEpicAddress,
    });
    if (found.kind === 'missing') {
      problems.push(noTunnelId(pair));
      return [];
    }
    if (found.kind === 'conflict') {
      problems.push(
        conflictingTunnelIds(pair, {
          tunnelId: found.tunnel.tunnelId,
          seedTunnelId: found.seedTunnelId,
        }),
      );
    }
    return [tunnelRow(proxy, { clientAddress, epicAddress: ctx.address, endpoints }, found.tunnel)];
  });
  return {
    proxy: proxy.ref,
    firstEpicNode: firstEpicAddress === ctx.address,
    pods: here.map((pod) => ({ name: pod.name, podIP: pod.podIP, interface: pod.interface })),
    tunnels,
  };
}

function tunnelRow(
  proxy: TunnelProxy,
  pair: { clientAddress: string; epicAddress: string; endpoints: TableEndpoint[] },
  tunnel: { tunnelId: number; epicPort: number; source: TunnelSource },
): TunnelRow {
  return {
    tunnelId: tunnel.tunnelId,
    clientAddress: pair.clientAddress,
    clientPort: tunnel.epicPort,
    epicAddress: pair.epicAddress,
    epicPort: tunnel.epicPort,
    groupId: proxy.groupId,
    serviceId: proxy.serviceId,
    tunnelKey: proxy.tunnelKey,
    source: tunnel.source,
    endpoints: pair.endpoints,
  };
}

/** Client node address -> its distinct endpoints, both in address order. */
function endpointsByClient(endpoints: readonly UpstreamEndpoint[]): Map<string, TableEndpoint[]> {
  const byClient = new Map<string, Map<string, TableEndpoint>>();
  for (const ep of endpoints) {
    if (!ep.nodeAddress) continue;
    const unique = byClient.get(ep.nodeAddress) ?? new Map<string, TableEndpoint>();
    byClient.set(ep.nodeAddress, unique);
    unique.set(`${ep.protocol}/${ep.address}/${ep.port}`, {
      address: ep.address,
      port: ep.port,
      protocol: ep.protocol,
    });
  }
  const clients = [...byClient.keys()].sort(compareAddresses);
  return new Map(
    clients.map((client) => [client, [...byClient.get(client)!.values()].sort(compareEndpoints)]),
  );
}

function compareEndpoints(a: TableEndpoint, b: TableEndpoint): number {
  return (
    compareAddresses(a.address, b.address) ||
    a.port - b.port ||
    compareStrings(a.protocol, b.protocol)
  );
}

/** One data-plane entry per tunnel ID: the first row in table order keeps it. */
function dropDuplicateIds(proxies: ProxyTable[], node: string, problems: TableProblem[]): void {
  const owners = new Map<number, { proxy: ProxyRef; clientAddress: string }>();
  for (const table of proxies) {
    table.tunnels = table.tunnels.filter((row) => {
      const kept = owners.get(row.tunnelId);
      if (!kept) {
        owners.set(row.tunnelId, { proxy: table.proxy, clientAddress: row.clientAddress });
        return true;
      }
      problems.push(
        duplicateTunnelId({
          tunnelId: row.tunnelId,
          proxy: table.proxy,
          clientAddress: row.clientAddress,
          kept,
          node,
        }),
      );
      return false;
    });
  }
}
