// The linux driver: kernel GUE through iproute2, for nodes without true-ingress (development,
// tests). Per node: a GUE listener `ip fou add port 6080 gue`; per tunnel a GRE device
//   ip link add name epic<id> type gre remote <client> local <epic> key <id> \
//     encap gue encap-sport auto encap-dport <port>
// and per upstream endpoint a host route `ip route replace <endpoint>/32 dev epic<id>`.
// GRE, not ipip: the kernel tells ipip tunnels apart by (local, remote) only, so a second LB to
// the same client node would fail with "File exists"; a GRE key (the tunnel ID) keeps them apart
// and carries the tunnel ID on the wire. This is kernel GUE (GRE in GUE), not true-ingress's
// GUE variant, so it only talks to clients that use the same kernel set-up; it has no NAT
// learning (the remote is the client node address), and routes go by destination only, so two
// proxies on one node reaching the same endpoint address is reported, not programmed twice.
import { compareNatural } from './compare.js';
import type { DiffOp, KindPolicy, Resource } from './diff.js';
import type { Command, DesiredState, Driver, DriverProblem } from './driver.js';
import { describeProxy } from './inputs.js';
import { deviceKind, fouKind, linuxActual, linuxDeviceName, routeKind } from './linux-parse.js';
import type { NodeTunnelTable, TunnelRow } from './node-table.js';

const kinds: readonly KindPolicy[] = [
  // A FOU port can be shared with anything else on the node: never removed, only added.
  { kind: fouKind, removeExtras: false },
  { kind: deviceKind, removeExtras: true },
  { kind: routeKind, removeExtras: true },
];

const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export function linuxDriver(options: { ip?: string } = {}): Driver {
  const ip = options.ip ?? 'ip';
  return {
    name: 'linux',
    kinds,
    readCommands: [
      { argv: [ip, '-d', '-j', 'link', 'show'], why: 'read the tunnel devices' },
      { argv: [ip, '-j', 'fou', 'show'], why: 'read the GUE listeners' },
      { argv: [ip, '-j', 'route', 'show'], why: 'read the routes into tunnels' },
    ],
    desired: linuxDesired,
    actual: linuxActual,
    commands: (ops, desired) => linuxCommands(ops, desired, ip),
  };
}

function deviceOf(row: TunnelRow): Resource {
  return {
    kind: deviceKind,
    id: linuxDeviceName(row.tunnelId),
    spec: {
      type: 'gre',
      remote: row.clientAddress,
      local: row.epicAddress,
      key: row.tunnelId,
      encap: 'gue',
      sport: 0,
      dport: row.clientPort,
      up: true,
    },
  };
}

export function linuxDesired(table: NodeTunnelTable): DesiredState {
  const problems: DriverProblem[] = [];
  const resources = new Map<string, Resource>();
  const add = (r: Resource) => resources.set(`${r.kind}/${r.id}`, r);
  for (const proxy of table.proxies) {
    const rows = proxy.tunnels.filter((row) => {
      const ok = ipv4.test(row.clientAddress) && ipv4.test(row.epicAddress);
      if (!ok) problems.push(notIpv4(`${describeProxy(proxy.proxy)} tunnel ${row.tunnelId}`));
      return ok;
    });
    for (const row of rows) {
      const device = deviceOf(row);
      add({ kind: fouKind, id: String(row.epicPort), spec: { type: 'gue' } });
      add(device);
      addRoutes(row, device.id, resources, problems);
    }
  }
  return { resources: [...resources.values()], problems };
}

function addRoutes(
  row: TunnelRow,
  dev: string,
  resources: Map<string, Resource>,
  problems: DriverProblem[],
) {
  for (const ep of row.endpoints) {
    if (!ipv4.test(ep.address)) {
      problems.push(notIpv4(`endpoint ${ep.address}`));
      continue;
    }
    const held = resources.get(`${routeKind}/${ep.address}`);
    if (held && held.spec['dev'] !== dev) {
      problems.push({
        kind: 'route-conflict',
        message: `endpoint ${ep.address} is wanted through ${String(held.spec['dev'])} and ${dev}; the linux driver routes by destination only, so the first is kept`,
      });
      continue;
    }
    resources.set(`${routeKind}/${ep.address}`, { kind: routeKind, id: ep.address, spec: { dev } });
  }
}

function notIpv4(what: string): DriverProblem {
  return { kind: 'unsupported-address', message: `${what}: the linux driver programs IPv4 only` };
}

export function linuxCommands(
  ops: readonly DiffOp[],
  desired: readonly Resource[],
  ip: string,
): Command[] {
  const planned = new Set(
    ops.filter((op) => op.op !== 'remove').map((op) => `${op.kind}/${op.id}`),
  );
  return ops.flatMap((op) => {
    if (op.op === 'remove') return [removeCommand(ip, op.before)];
    if (op.kind === fouKind) return fouCommands(ip, op);
    if (op.kind === routeKind) return [routeReplace(ip, op.after, `route ${op.id}: ${op.op}`)];
    if (op.op === 'update' && op.before.spec['type'] === 'gre') return changeDevice(ip, op.after);
    const replaced = op.op === 'update' ? [removeCommand(ip, op.before)] : [];
    // Deleting a device takes its routes with it: put back the ones no op re-creates.
    const lostRoutes = op.op === 'update' ? routesVia(desired, op.id, planned) : [];
    return [
      ...replaced,
      ...addDevice(ip, op.after),
      ...lostRoutes.map((r) =>
        routeReplace(ip, r, `route ${r.id}: restore after ${op.id} was re-created`),
      ),
    ];
  });
}

function routesVia(desired: readonly Resource[], dev: string, planned: Set<string>): Resource[] {
  return desired
    .filter(
      (r) => r.kind === routeKind && r.spec['dev'] === dev && !planned.has(`${r.kind}/${r.id}`),
    )
    .sort((a, b) => compareNatural(a.id, b.id));
}

function removeCommand(ip: string, before: Resource): Command {
  if (before.kind === routeKind) {
    return {
      argv: [ip, 'route', 'del', hostRoute(before.id), 'dev', String(before.spec['dev'])],
      why: `route ${before.id}: no longer wanted`,
    };
  }
  if (before.kind === deviceKind) {
    return {
      argv: [ip, 'link', 'del', 'dev', before.id],
      why: `device ${before.id}: no longer wanted`,
    };
  }
  return { argv: [ip, 'fou', 'del', 'port', before.id], why: `GUE port ${before.id}: replaced` };
}

function fouCommands(ip: string, op: Exclude<DiffOp, { op: 'remove' }>): Command[] {
  const add: Command = {
    argv: [ip, 'fou', 'add', 'port', op.id, 'gue'],
    why: `GUE port ${op.id}: ${op.op}`,
  };
  return op.op === 'update' ? [removeCommand(ip, op.before), add] : [add];
}

function greArgs(device: Resource): string[] {
  const s = device.spec;
  return [
    'type',
    'gre',
    'remote',
    String(s['remote']),
    'local',
    String(s['local']),
    'key',
    String(s['key']),
    'encap',
    'gue',
    'encap-sport',
    'auto',
    'encap-dport',
    String(s['dport']),
  ];
}

function setUp(ip: string, device: Resource): Command {
  return {
    argv: [ip, 'link', 'set', 'dev', device.id, 'up'],
    why: `device ${device.id}: bring up`,
  };
}

function addDevice(ip: string, device: Resource): Command[] {
  return [
    {
      argv: [ip, 'link', 'add', 'name', device.id, ...greArgs(device)],
      why: `device ${device.id}: add`,
    },
    setUp(ip, device),
  ];
}

/** rtnetlink changelink: new endpoints, key or port without dropping the device's routes. */
function changeDevice(ip: string, device: Resource): Command[] {
  return [
    {
      argv: [ip, 'link', 'change', 'dev', device.id, ...greArgs(device)],
      why: `device ${device.id}: update in place`,
    },
    setUp(ip, device),
  ];
}

function hostRoute(id: string): string {
  return id.includes('/') ? id : `${id}/32`;
}

function routeReplace(ip: string, route: Resource, why: string): Command {
  return {
    argv: [ip, 'route', 'replace', hostRoute(route.id), 'dev', String(route.spec['dev'])],
    why,
  };
}
