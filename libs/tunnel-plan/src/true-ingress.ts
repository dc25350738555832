// The true-ingress driver: the original data plane (eBPF programs driven by /opt/acnodal/bin
// CLIs), wire-compatible with PureGW / PureLB clients. On an EPIC node a tunnel is
//   cli_tunnel set <id> <epic-address> <epic-port> 0 0
// (remote unknown until the client's GUE ping arrives) and each upstream endpoint reached
// through it from one Envoy pod is a gateway
//   cli_service set-gw <id> <tcp|udp> <endpoint-address> <endpoint-port> <pod veth ifindex>
// Unlike the original, the protocol is the endpoint's (it hard-coded tcp). Removing one gateway
// uses only the documented verbs: `cli_service del <id>` drops all of a tunnel's gateways, then
// the ones still wanted are set again.
import type { Protocol } from '@epic/model';
import { compareNatural } from './compare.js';
import type { DiffOp, KindPolicy, Resource } from './diff.js';
import type { Command, DesiredState, Driver, DriverProblem } from './driver.js';
import { describeProxy } from './inputs.js';
import type { NodeTunnelTable, ProxyTable } from './node-table.js';
import {
  gatewayFromResource,
  gatewayKind,
  gatewayResource,
  trueIngressActual,
  tunnelKind,
  tunnelResource,
} from './true-ingress-parse.js';

export const defaultTrueIngressBinDir = '/opt/acnodal/bin';

const kinds: readonly KindPolicy[] = [
  { kind: tunnelKind, removeExtras: true },
  { kind: gatewayKind, removeExtras: true },
];

const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export function trueIngressDriver(options: { binDir?: string } = {}): Driver {
  const binDir = options.binDir ?? defaultTrueIngressBinDir;
  const cliTunnel = `${binDir}/cli_tunnel`;
  const cliService = `${binDir}/cli_service`;
  return {
    name: 'true-ingress',
    kinds,
    readCommands: [
      { argv: [cliTunnel, 'get', 'all'], why: 'read the tunnel map' },
      { argv: [cliService, 'get', 'all'], why: 'read the gateway (encap) map' },
    ],
    desired: trueIngressDesired,
    actual: trueIngressActual,
    commands: (ops, desired) => trueIngressCommands(ops, desired, { cliTunnel, cliService }),
  };
}

/** Tunnels for every row; gateways for every (pod with a known veth) x (row endpoint). */
export function trueIngressDesired(table: NodeTunnelTable): DesiredState {
  const problems: DriverProblem[] = [];
  const resources = new Map<string, Resource>();
  for (const proxy of table.proxies) {
    for (const row of proxy.tunnels) {
      if (!ipv4.test(row.epicAddress)) {
        problems.push({
          kind: 'unsupported-address',
          message: `tunnel ${row.tunnelId} of ${describeProxy(proxy.proxy)}: true-ingress is IPv4 only, EPIC address ${row.epicAddress} is not`,
        });
        continue;
      }
      const tunnel = tunnelResource({
        tunnelId: row.tunnelId,
        localAddress: row.epicAddress,
        localPort: row.epicPort,
      });
      resources.set(`${tunnel.kind}/${tunnel.id}`, tunnel);
    }
    addGateways(proxy, resources, problems);
  }
  return { resources: [...resources.values()], problems };
}

function addGateways(
  proxy: ProxyTable,
  resources: Map<string, Resource>,
  problems: DriverProblem[],
) {
  const ifindexes = proxy.pods.flatMap((pod) => (pod.interface ? [pod.interface.index] : []));
  const wanted = proxy.tunnels
    .filter((row) => ipv4.test(row.epicAddress))
    .flatMap((row) => row.endpoints.map((ep) => ({ tunnelId: row.tunnelId, ep })));
  for (const { tunnelId, ep } of wanted) {
    const protocol = gatewayProtocols[ep.protocol];
    if (!protocol || !ipv4.test(ep.address)) {
      problems.push({
        kind: 'unsupported-endpoint',
        message: `${describeProxy(proxy.proxy)}: true-ingress carries IPv4 TCP/UDP only, not ${ep.protocol} ${ep.address}:${ep.port}`,
      });
      continue;
    }
    for (const ifindex of ifindexes) {
      const gw = gatewayResource({
        tunnelId,
        protocol,
        endpointAddress: ep.address,
        endpointPort: ep.port,
        ifindex,
      });
      addGateway(resources, gw, () => problems.push(gatewayConflict(proxy, gw, tunnelId)));
    }
  }
}

const gatewayProtocols: Record<Protocol, 'tcp' | 'udp' | undefined> = {
  TCP: 'tcp',
  UDP: 'udp',
  SCTP: undefined,
};

/** Keeps the first gateway for an encap key: the data plane maps a key to one tunnel. */
function addGateway(resources: Map<string, Resource>, gw: Resource, onConflict: () => void) {
  const held = resources.get(`${gw.kind}/${gw.id}`);
  if (held && held.spec['tunnelId'] !== gw.spec['tunnelId']) onConflict();
  else resources.set(`${gw.kind}/${gw.id}`, gw);
}

function gatewayConflict(proxy: ProxyTable, gw: Resource, tunnelId: number): DriverProblem {
  return {
    kind: 'gateway-conflict',
    message: `${describeProxy(proxy.proxy)}: gateway ${gw.id} is wanted through another tunnel and through tunnel ${tunnelId}; the first is kept`,
  };
}

interface Clis {
  cliTunnel: string;
  cliService: string;
}

export function trueIngressCommands(
  ops: readonly DiffOp[],
  desired: readonly Resource[],
  clis: Clis,
): Command[] {
  const removedGatewayTunnels = [
    ...new Set(
      ops.flatMap((op) =>
        op.op === 'remove' && op.kind === gatewayKind
          ? [gatewayFromResource(op.before).tunnelId]
          : [],
      ),
    ),
  ].sort((a, b) => a - b);
  const commands: Command[] = removedGatewayTunnels.map((id) => ({
    argv: [clis.cliService, 'del', String(id)],
    why: `tunnel ${id}: drop its gateways (some are no longer wanted; the rest are set again below)`,
  }));
  for (const op of ops.filter((o) => o.kind === tunnelKind)) {
    commands.push(op.op === 'remove' ? tunnelDel(clis, op.id) : tunnelSet(clis, op));
  }
  const gatewaysToSet = new Map<string, { resource: Resource; why: string }>();
  for (const op of ops) {
    if (op.kind !== gatewayKind || op.op === 'remove') continue;
    gatewaysToSet.set(op.id, { resource: op.after, why: `gateway ${op.id}: ${op.op}` });
  }
  for (const gw of desired.filter((r) => r.kind === gatewayKind && !gatewaysToSet.has(r.id))) {
    if (removedGatewayTunnels.includes(Number(gw.spec['tunnelId']))) {
      gatewaysToSet.set(gw.id, {
        resource: gw,
        why: `gateway ${gw.id}: set again after cli_service del`,
      });
    }
  }
  const ordered = [...gatewaysToSet.values()].sort((a, b) =>
    compareNatural(a.resource.id, b.resource.id),
  );
  return [...commands, ...ordered.map(({ resource, why }) => setGateway(clis, resource, why))];
}

function tunnelDel(clis: Clis, id: string): Command {
  return { argv: [clis.cliTunnel, 'del', id], why: `tunnel ${id}: no longer wanted on this node` };
}

function tunnelSet(clis: Clis, op: Exclude<DiffOp, { op: 'remove' }>): Command {
  const { localAddress, localPort } = op.after.spec;
  return {
    argv: [clis.cliTunnel, 'set', op.id, String(localAddress), String(localPort), '0', '0'],
    why: `tunnel ${op.id}: ${op.op} (local ${String(localAddress)}:${String(localPort)}; the remote is learned from the client's GUE ping)`,
  };
}

function setGateway(clis: Clis, resource: Resource, why: string): Command {
  const gw = gatewayFromResource(resource);
  return {
    argv: [
      clis.cliService,
      'set-gw',
      String(gw.tunnelId),
      gw.protocol,
      gw.endpointAddress,
      String(gw.endpointPort),
      String(gw.ifindex),
    ],
    why,
  };
}
