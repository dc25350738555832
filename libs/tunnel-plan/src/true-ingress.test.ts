import { describe, expect, it } from 'vitest';
import { planNode, ReadbackParseError } from './driver.js';
import { nodeTunnelTable, type TunnelPlanInput } from './node-table.js';
import { FakeTrueIngress } from './testdata/fake-true-ingress.js';
import { clientA, clientB, endpoint, epic1, seedLoadBalancer, seedPod } from './testdata/world.js';
import { trueIngressDriver } from './true-ingress.js';
import { parseCliServiceGetAll, parseCliTunnelGetAll } from './true-ingress-parse.js';

const driver = trueIngressDriver();
const bin = '/opt/acnodal/bin';

// As cli_tunnel.c prints it: TUN\t%8u\t%16s:%u -> %s:%u, then the DECAP table.
const cliTunnelGetAll = [
  'TABLE-TUNNEL:',
  '   \ttunnel-id\t\tlocal-ip:port -> remote-ip:port',
  '-'.repeat(74),
  'TUN\t       2\t    192.168.1.40:6080 -> 0.0.0.0:0',
  'TUN\t4294967295\t    192.168.1.40:6080 -> 203.0.113.7:41234',
  '-'.repeat(74),
  'Entries:  2',
  '',
  'TABLE-DECAP:',
  '           proto\tip:port\t\t\tref-count',
  '-'.repeat(74),
  'DECAP\t     udp    0.0.0.0:0\t\t1',
  '-'.repeat(74),
  'Entries:  1',
  '',
].join('\n');

// As cli_service.c prints it: ENCAP (%s %s:%u)  %u -> %u, then the VERIFY table.
const cliServiceGetAll = [
  'TABLE-ENCAP:',
  '\tdestination\tifindex -> tunnel-id\t',
  '-'.repeat(74),
  'ENCAP (tcp 10.1.0.7:8080)  16 -> 2',
  'ENCAP (udp 10.1.0.7:53)  16 -> 2',
  '-'.repeat(74),
  'Entries:  2',
  '',
  'TABLE-VERIFY:',
  '\ttid ->\t\tendpoint\t\tifindex',
  '-'.repeat(74),
  'VERIFY (2) ->\t\t\t(tcp 10.1.0.7:8080)\t16',
  '-'.repeat(74),
  'Entries:  1',
  '',
].join('\n');

describe('reading true-ingress back', () => {
  it('parses the tunnel entries of cli_tunnel get all', () => {
    expect(parseCliTunnelGetAll(cliTunnelGetAll)).toEqual([
      {
        tunnelId: 2,
        localAddress: '192.168.1.40',
        localPort: 6080,
        remoteAddress: '0.0.0.0',
        remotePort: 0,
      },
      {
        tunnelId: 4294967295,
        localAddress: '192.168.1.40',
        localPort: 6080,
        remoteAddress: '203.0.113.7',
        remotePort: 41234,
      },
    ]);
  });

  it('parses the encap entries of cli_service get all', () => {
    expect(parseCliServiceGetAll(cliServiceGetAll)).toEqual([
      {
        protocol: 'tcp',
        endpointAddress: '10.1.0.7',
        endpointPort: 8080,
        ifindex: 16,
        tunnelId: 2,
      },
      { protocol: 'udp', endpointAddress: '10.1.0.7', endpointPort: 53, ifindex: 16, tunnelId: 2 },
    ]);
  });

  it('reads empty maps from empty tables and from no output at all', () => {
    expect(
      driver.actual([new FakeTrueIngress().run([`${bin}/cli_tunnel`, 'get', 'all']), '']),
    ).toEqual([]);
  });

  it.each([
    ['cli_tunnel get all', () => parseCliTunnelGetAll('TUN\tnot-a-number\t1.2.3.4:1 -> 0.0.0.0:0')],
    ['cli_service get all', () => parseCliServiceGetAll('ENCAP (tcp 10.0.0.1)  16 -> 2')],
    [
      'cli_service get all',
      () => parseCliServiceGetAll('ENCAP (proto-unknown 10.0.0.1:1)  16 -> 2'),
    ],
  ])('refuses an entry line it does not understand (%s)', (source, parse) => {
    expect(parse).toThrow(ReadbackParseError);
    expect(parse).toThrow(`cannot parse the output of ${source}`);
  });
});

describe('commands for the seed example on an empty node', () => {
  const table = nodeTunnelTable(
    { proxies: [seedLoadBalancer()], pods: [seedPod()], nodes: [epic1] },
    'epic-1',
  );

  it('sets each tunnel with a remote left to the ping, then each gateway', () => {
    const plan = planNode(driver, table, ['', '']);
    expect(plan.problems).toEqual([]);
    expect(plan.commands.map((c) => c.argv.join(' '))).toEqual([
      `${bin}/cli_tunnel set 1 192.168.1.40 6080 0 0`,
      `${bin}/cli_tunnel set 2 192.168.1.40 6080 0 0`,
      `${bin}/cli_service set-gw 2 tcp 10.1.0.7 8080 16`,
      `${bin}/cli_service set-gw 1 tcp 10.1.1.3 8080 16`,
    ]);
  });

  it('runs the CLIs from another directory when told', () => {
    const plan = planNode(trueIngressDriver({ binDir: '/usr/local/bin' }), table, ['', '']);
    expect(plan.commands[0]!.argv[0]).toBe('/usr/local/bin/cli_tunnel');
  });
});

/** Plans against the fake, runs the plan, and returns the argv lines it ran. */
function converge(fake: FakeTrueIngress, input: TunnelPlanInput): string[] {
  const table = nodeTunnelTable(input, 'epic-1');
  const outputs = driver.readCommands.map((c) => fake.run(c.argv));
  const plan = planNode(driver, table, outputs);
  plan.commands.forEach((c) => fake.run(c.argv));
  const again = planNode(
    driver,
    table,
    driver.readCommands.map((c) => fake.run(c.argv)),
  );
  expect(again.commands, 'a second run must find nothing to do').toEqual([]);
  return plan.commands.map((c) => c.argv.slice(1).join(' '));
}

describe('a node over time (against an in-memory true-ingress)', () => {
  const fake = new FakeTrueIngress();
  const lb = seedLoadBalancer();
  const world: TunnelPlanInput = { proxies: [lb], pods: [seedPod()], nodes: [epic1] };

  it('1. clears what an earlier life left behind and programs the LB', () => {
    fake.run([`${bin}/cli_tunnel`, 'set', '99', '192.168.1.40', '6080', '0', '0']);
    fake.run([`${bin}/cli_service`, 'set-gw', '99', 'tcp', '10.9.9.9', '80', '3']);
    expect(converge(fake, world)).toEqual([
      'del 99',
      'del 99',
      'set 1 192.168.1.40 6080 0 0',
      'set 2 192.168.1.40 6080 0 0',
      'set-gw 2 tcp 10.1.0.7 8080 16',
      'set-gw 1 tcp 10.1.1.3 8080 16',
    ]);
  });

  it('2. leaves learned remotes alone: a client ping changes nothing to do', () => {
    fake.ping(2, '203.0.113.7', 41234);
    expect(converge(fake, world)).toEqual([]);
    expect(fake.tunnels.get(2)).toMatchObject({ remote: '203.0.113.7', remotePort: 41234 });
  });

  it('3. an extra endpoint on a client node adds one gateway', () => {
    lb.endpoints = [...lb.endpoints, endpoint('10.1.0.8', clientA, 53, 'UDP')];
    expect(converge(fake, world)).toEqual(['set-gw 2 udp 10.1.0.8 53 16']);
  });

  it("4. a gone endpoint: drop the tunnel's gateways and set the others again", () => {
    lb.endpoints = lb.endpoints.filter((ep) => ep.address !== '10.1.0.7');
    expect(converge(fake, world)).toEqual(['del 2', 'set-gw 2 udp 10.1.0.8 53 16']);
    expect(fake.tunnels.get(2)).toMatchObject({ remote: '203.0.113.7' });
  });

  it('5. a re-created Envoy pod (new veth) moves every gateway to the new ifindex', () => {
    world.pods = [
      { ...seedPod(), name: 'envoy-sample-1', interface: { index: 23, name: 'veth0a1b2c3d' } },
    ];
    expect(converge(fake, world)).toEqual([
      'del 1',
      'del 2',
      'set-gw 1 tcp 10.1.1.3 8080 23',
      'set-gw 2 udp 10.1.0.8 53 23',
    ]);
  });

  it('6. a client node whose last endpoint left loses its tunnel', () => {
    lb.endpoints = lb.endpoints.filter((ep) => ep.nodeAddress !== clientB);
    expect(converge(fake, world)).toEqual(['del 1', 'del 1']);
  });

  it('7. a LoadBalancer being deleted leaves nothing behind', () => {
    world.proxies = [{ ...lb, deleting: true }];
    expect(converge(fake, world)).toEqual(['del 2', 'del 2']);
    expect([fake.tunnels.size, fake.encaps.size]).toEqual([0, 0]);
  });
});

describe('what true-ingress cannot carry', () => {
  it('reports SCTP and IPv6 endpoints and programs the rest', () => {
    const lb = seedLoadBalancer();
    lb.endpoints = [
      endpoint('10.1.0.7', clientA, 9, 'SCTP'),
      endpoint('fd00::7', clientA, 80),
      endpoint('10.1.0.8', clientA, 80),
    ];
    const table = nodeTunnelTable({ proxies: [lb], pods: [seedPod()], nodes: [epic1] }, 'epic-1');
    const { resources, problems } = driver.desired(table);
    expect(resources.map((r) => `${r.kind}/${r.id}`)).toEqual([
      'tunnel/2',
      'gateway/tcp/10.1.0.8/80/16',
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      'LoadBalancer epic-root/sample-acnodal: true-ingress carries IPv4 TCP/UDP only, not SCTP 10.1.0.7:9',
      'LoadBalancer epic-root/sample-acnodal: true-ingress carries IPv4 TCP/UDP only, not TCP fd00::7:80',
    ]);
  });

  it('sets a tunnel again when the node address changes', () => {
    const fake = new FakeTrueIngress();
    const world = { proxies: [seedLoadBalancer()], pods: [seedPod()], nodes: [epic1] };
    converge(fake, world);
    const moved = seedLoadBalancer();
    moved.tunnels = Object.fromEntries(
      Object.entries(moved.tunnels!).map(([client, entry]) => [
        client,
        { ...entry, 'epic-address': '192.168.1.50' },
      ]),
    );
    expect(
      converge(fake, {
        ...world,
        proxies: [moved],
        nodes: [{ ...epic1, address: '192.168.1.50' }],
      }),
    ).toEqual(['set 1 192.168.1.50 6080 0 0', 'set 2 192.168.1.50 6080 0 0']);
  });
});
