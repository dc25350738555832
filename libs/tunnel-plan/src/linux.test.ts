import { describe, expect, it } from 'vitest';
import { planNode, ReadbackParseError } from './driver.js';
import { linuxDriver } from './linux.js';
import {
  greKeyValue,
  linuxDeviceName,
  parseIpFouShow,
  parseIpLinkShow,
  parseIpRouteShow,
  tunnelIdOfDevice,
} from './linux-parse.js';
import { nodeTunnelTable, type TunnelPlanInput } from './node-table.js';
import { FakeLinux } from './testdata/fake-linux.js';
import {
  clientA,
  clientB,
  endpoint,
  epic1,
  lbRef,
  pod,
  proxy,
  seedLoadBalancer,
  seedPod,
  tunnelMap,
} from './testdata/world.js';

const driver = linuxDriver();

describe('device names', () => {
  it.each([
    [1, 'epic1'],
    [42, 'epic42'],
    [4294967295, 'epic4294967295'],
  ])('tunnel %i -> %s, within IFNAMSIZ and read back to the same ID', (id, name) => {
    expect(linuxDeviceName(id)).toBe(name);
    expect(name.length).toBeLessThanOrEqual(15);
    expect(tunnelIdOfDevice(name)).toBe(id);
  });

  it.each([0, -1, 1.5, 4294967296])('refuses tunnel ID %d', (id) => {
    expect(() => linuxDeviceName(id)).toThrow('is not a 32-bit ID above 0');
  });

  it.each(['eth0', 'epic', 'epic0', 'epic042', 'epic4294967296', 'epic1a', 'xepic1'])(
    '%s is not one of ours',
    (name) => expect(tunnelIdOfDevice(name)).toBeUndefined(),
  );
});

describe('reading iproute2 JSON back', () => {
  // `ip -d -j link show` as ip/link_gre.c and ip/tunnel.c print a GRE-in-GUE device (keys as
  // dotted quads, encap-sport auto as 0), next to devices that are not ours.
  const links = JSON.stringify([
    {
      ifindex: 1,
      ifname: 'lo',
      flags: ['LOOPBACK', 'UP', 'LOWER_UP'],
      mtu: 65536,
      link_type: 'loopback',
    },
    {
      ifindex: 3,
      ifname: 'tunl0',
      flags: ['NOARP'],
      link_type: 'ipip',
      linkinfo: {
        info_kind: 'ipip',
        info_data: { proto: 'ipip', remote: 'any', local: 'any', ttl: 0, pmtudisc: false },
      },
    },
    {
      ifindex: 7,
      ifname: 'epic42',
      flags: ['POINTOPOINT', 'NOARP', 'UP', 'LOWER_UP'],
      mtu: 1448,
      operstate: 'UNKNOWN',
      link_type: 'gre',
      address: '192.168.1.40',
      link_pointtopoint: true,
      broadcast: '192.168.1.16',
      linkinfo: {
        info_kind: 'gre',
        info_data: {
          remote: '192.168.1.16',
          local: '192.168.1.40',
          ttl: 0,
          pmtudisc: true,
          ikey: '0.0.0.42',
          okey: '0.0.0.42',
          encap: { type: 'gue', sport: 0, dport: 6080, csum: false, csum6: false, remcsum: false },
        },
      },
    },
    { ifindex: 8, ifname: 'epic43', flags: ['POINTOPOINT', 'NOARP'], link_type: 'gre' },
  ]);

  it('reads our devices and only ours', () => {
    expect(parseIpLinkShow(links)).toEqual([
      {
        kind: 'device',
        id: 'epic42',
        spec: {
          type: 'gre',
          remote: '192.168.1.16',
          local: '192.168.1.40',
          key: 42,
          encap: 'gue',
          sport: 0,
          dport: 6080,
          up: true,
        },
      },
      // Without -d there is no linkinfo: read as an unknown, down device, which the plan replaces.
      {
        kind: 'device',
        id: 'epic43',
        spec: {
          type: 'unknown',
          remote: 'any',
          local: 'any',
          key: 0,
          encap: 'none',
          sport: 0,
          dport: 0,
          up: false,
        },
      },
    ]);
  });

  it('reads unbound IPv4 FOU listeners', () => {
    const fou = JSON.stringify([
      { port: 6080, gue: null, family: 'inet' },
      { port: 5555, ipproto: 47, family: 'inet' },
      { port: 6080, gue: null, family: 'inet6' },
      { port: 7000, gue: null, family: 'inet', local: '10.0.0.1' },
    ]);
    expect(parseIpFouShow(fou)).toEqual([
      { kind: 'fou', id: '6080', spec: { type: 'gue' } },
      { kind: 'fou', id: '5555', spec: { type: 'ipproto-47' } },
    ]);
  });

  it('reads routes through our devices', () => {
    const routes = JSON.stringify([
      { dst: 'default', gateway: '192.168.1.1', dev: 'enp1s0', protocol: 'dhcp', flags: [] },
      { dst: '10.1.0.7', dev: 'epic42', scope: 'link', flags: [] },
      { dst: '10.2.0.0/16', dev: 'epic42', scope: 'link', flags: [] },
      { dst: '10.3.0.1', dev: 'epic0x', flags: [] },
    ]);
    expect(parseIpRouteShow(routes)).toEqual([
      { kind: 'route', id: '10.1.0.7', spec: { dev: 'epic42' } },
      { kind: 'route', id: '10.2.0.0/16', spec: { dev: 'epic42' } },
    ]);
  });

  it.each([
    ['0.0.0.42', 42],
    ['1.0.0.0', 16777216],
    ['255.255.255.255', 4294967295],
    [42, 42],
    ['42', 42],
    [undefined, undefined],
  ])('GRE key %s is %s', (printed, value) => {
    expect(greKeyValue(printed)).toBe(value);
  });

  it('takes empty output as an empty list', () => {
    expect(driver.actual(['', '', ''])).toEqual([]);
  });

  it.each([
    ['ip -d -j link show', () => parseIpLinkShow('[{"ifname": ')],
    ['ip -d -j link show', () => parseIpLinkShow('[{"ifindex": 3}]')],
    ['ip -j fou show', () => parseIpFouShow('{"port": 6080}')],
  ])('refuses output it does not understand (%s)', (source, parse) => {
    expect(parse).toThrow(ReadbackParseError);
    expect(parse).toThrow(`cannot parse the output of ${source}`);
  });
});

describe('commands for the seed example on an empty node', () => {
  it('adds the GUE port, a GRE device per tunnel (keyed by its ID), then the routes', () => {
    const table = nodeTunnelTable(
      { proxies: [seedLoadBalancer()], pods: [seedPod()], nodes: [epic1] },
      'epic-1',
    );
    const plan = planNode(driver, table, ['', '', '']);
    expect(plan.commands.map((c) => c.argv.join(' '))).toEqual([
      'ip fou add port 6080 gue',
      'ip link add name epic1 type gre remote 192.168.1.25 local 192.168.1.40 key 1 encap gue encap-sport auto encap-dport 6080',
      'ip link set dev epic1 up',
      'ip link add name epic2 type gre remote 192.168.1.16 local 192.168.1.40 key 2 encap gue encap-sport auto encap-dport 6080',
      'ip link set dev epic2 up',
      'ip route replace 10.1.0.7/32 dev epic2',
      'ip route replace 10.1.1.3/32 dev epic1',
    ]);
  });

  it('runs another ip binary when told', () => {
    const table = nodeTunnelTable(
      { proxies: [seedLoadBalancer()], pods: [seedPod()], nodes: [epic1] },
      'epic-1',
    );
    const plan = planNode(linuxDriver({ ip: '/usr/sbin/ip' }), table, ['', '', '']);
    expect(new Set(plan.commands.map((c) => c.argv[0]))).toEqual(new Set(['/usr/sbin/ip']));
    expect(linuxDriver({ ip: '/usr/sbin/ip' }).readCommands[0]!.argv).toEqual([
      '/usr/sbin/ip',
      '-d',
      '-j',
      'link',
      'show',
    ]);
  });
});

function converge(fake: FakeLinux, input: TunnelPlanInput): string[] {
  const table = nodeTunnelTable(input, 'epic-1');
  const plan = planNode(driver, table, fake.outputs());
  plan.commands.forEach((c) => fake.run(c.argv));
  expect(
    planNode(driver, table, fake.outputs()).commands,
    'a second run must find nothing to do',
  ).toEqual([]);
  return plan.commands.map((c) => c.argv.slice(1).join(' '));
}

describe('a node over time (against in-memory Linux networking)', () => {
  const fake = new FakeLinux();
  const lb = seedLoadBalancer();
  const other = proxy(lbRef('other'), {
    tunnels: tunnelMap({ [clientA]: { seed: { address: epic1.address, id: 5 } } }),
    endpoints: [endpoint('10.1.0.20', clientA)],
  });
  const world: TunnelPlanInput = { proxies: [lb], pods: [seedPod()], nodes: [epic1] };

  it('1. a device left under one of our names, of another kind, is replaced', () => {
    fake.addForeignLink('epic2', 'ipip');
    fake.fou.set(5555, '47');
    const ran = converge(fake, world);
    // The replacement is an update, so it runs before the adds.
    expect(ran.slice(0, 4)).toEqual([
      'link del dev epic2',
      'link add name epic2 type gre remote 192.168.1.16 local 192.168.1.40 key 2 encap gue encap-sport auto encap-dport 6080',
      'link set dev epic2 up',
      'fou add port 6080 gue',
    ]);
    expect(fake.fou.get(5555)).toBe('47');
  });

  it('2. a second LB to the same client node gets its own device (GRE keys keep them apart)', () => {
    world.proxies = [lb, other];
    world.pods = [seedPod(), pod('other-0', other.ref, epic1, { index: 30, name: 'veth30' })];
    expect(converge(fake, world)).toEqual([
      'link add name epic5 type gre remote 192.168.1.16 local 192.168.1.40 key 5 encap gue encap-sport auto encap-dport 6080',
      'link set dev epic5 up',
      'route replace 10.1.0.20/32 dev epic5',
    ]);
  });

  it('3. a changed client address changes the device in place, keeping its routes', () => {
    lb.tunnels = tunnelMap({
      '192.168.1.17': { seed: { address: epic1.address, id: 2 } },
      [clientB]: { seed: { address: epic1.address, id: 1 } },
    });
    lb.endpoints = [endpoint('10.1.0.7', '192.168.1.17'), endpoint('10.1.1.3', clientB)];
    expect(converge(fake, world)).toEqual([
      'link change dev epic2 type gre remote 192.168.1.17 local 192.168.1.40 key 2 encap gue encap-sport auto encap-dport 6080',
      'link set dev epic2 up',
    ]);
  });

  it('4. a gone endpoint loses its route; a LB being deleted loses its devices; the GUE port stays', () => {
    lb.endpoints = lb.endpoints.filter((ep) => ep.address !== '10.1.1.3');
    expect(converge(fake, world)).toEqual([
      'route del 10.1.1.3/32 dev epic1',
      'link del dev epic1',
    ]);
    world.proxies = [lb, { ...other, deleting: true }];
    expect(converge(fake, world)).toEqual([
      'route del 10.1.0.20/32 dev epic5',
      'link del dev epic5',
    ]);
    expect([...fake.links.keys()]).toEqual(['epic2']);
    expect([...fake.fou.keys()].sort()).toEqual([5555, 6080]);
  });
});

describe('re-creating a device', () => {
  it('puts back the routes the kernel dropped with it', () => {
    const fake = new FakeLinux();
    const world = { proxies: [seedLoadBalancer()], pods: [seedPod()], nodes: [epic1] };
    converge(fake, world);
    fake.links.set('epic2', { ...fake.links.get('epic2')!, type: 'ipip' });
    expect(converge(fake, world)).toEqual([
      'link del dev epic2',
      'link add name epic2 type gre remote 192.168.1.16 local 192.168.1.40 key 2 encap gue encap-sport auto encap-dport 6080',
      'link set dev epic2 up',
      'route replace 10.1.0.7/32 dev epic2',
    ]);
  });
});

describe('what the linux driver cannot carry', () => {
  it('routes by destination only: two LBs reaching one endpoint address is reported', () => {
    const other = proxy(lbRef('other'), {
      tunnels: tunnelMap({ [clientA]: { seed: { address: epic1.address, id: 5 } } }),
      endpoints: [endpoint('10.1.0.7', clientA, 9090)],
    });
    const table = nodeTunnelTable(
      {
        proxies: [seedLoadBalancer(), other],
        pods: [seedPod(), pod('other-0', other.ref, epic1, { index: 30, name: 'veth30' })],
        nodes: [epic1],
      },
      'epic-1',
    );
    const { resources, problems } = driver.desired(table);
    expect(resources.filter((r) => r.kind === 'route')).toEqual([
      { kind: 'route', id: '10.1.0.7', spec: { dev: 'epic5' } },
      { kind: 'route', id: '10.1.1.3', spec: { dev: 'epic1' } },
    ]);
    expect(problems).toEqual([
      {
        kind: 'route-conflict',
        message:
          'endpoint 10.1.0.7 is wanted through epic5 and epic2; the linux driver routes by destination only, so the first is kept',
      },
    ]);
  });
});
