// An in-memory slice of Linux networking for the linux driver: GRE devices, FOU listeners and
// host routes, driven by the argv commands the driver plans and printed back as iproute2's
// JSON (shapes from ip/link_gre.c, ip/tunnel.c, ip/ipfou.c). It fails where the kernel would:
// an existing name, a second GRE tunnel with the same (local, remote, key), a route via a
// missing device, deleting what is not there.
interface Gre {
  ifindex: number;
  type: string;
  remote: string;
  local: string;
  key: number;
  dport: number;
  up: boolean;
}

function options(args: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i + 1 < args.length; i += 2) out.set(args[i]!, args[i + 1]!);
  return out;
}

function keyQuad(key: number): string {
  return [24, 16, 8, 0].map((shift) => (key >>> shift) & 255).join('.');
}

export class FakeLinux {
  readonly links = new Map<string, Gre>();
  readonly fou = new Map<number, string>();
  readonly routes = new Map<string, string>();
  private nextIfindex = 10;

  run(argv: readonly string[]): string {
    const [, object, verb, ...rest] = argv;
    const handler = `${object} ${verb}`;
    if (handler === 'link add') return this.addLink(rest);
    if (handler === 'link change') return this.changeLink(rest);
    if (handler === 'link set') return this.setUp(rest);
    if (handler === 'link del') return this.delLink(rest[1]!);
    if (handler === 'fou add') return this.addFou(Number(rest[1]), rest[2]!);
    if (handler === 'fou del') return this.delFou(Number(rest[1]));
    if (handler === 'route replace') return this.replaceRoute(rest[0]!, rest[2]!);
    if (handler === 'route del') return this.delRoute(rest[0]!, rest[2]!);
    throw new Error(`fake linux: unknown command ${argv.join(' ')}`);
  }

  /** A device of someone else's kind under one of our names (tests the replace path). */
  addForeignLink(name: string, type: string): void {
    this.links.set(name, {
      ifindex: this.nextIfindex++,
      type,
      remote: 'any',
      local: 'any',
      key: 0,
      dport: 0,
      up: true,
    });
  }

  private gre(name: string, args: readonly string[], ifindex: number): Gre {
    const o = options(args);
    if (o.get('type') !== 'gre' || o.get('encap') !== 'gue' || o.get('encap-sport') !== 'auto') {
      throw new Error(`fake linux: unexpected device arguments for ${name}: ${args.join(' ')}`);
    }
    const gre = {
      ifindex,
      type: 'gre',
      remote: o.get('remote')!,
      local: o.get('local')!,
      key: Number(o.get('key')),
      dport: Number(o.get('encap-dport')),
      up: false,
    };
    const clash = [...this.links].find(
      ([other, l]) =>
        other !== name &&
        l.type === 'gre' &&
        l.local === gre.local &&
        l.remote === gre.remote &&
        l.key === gre.key,
    );
    if (clash) throw new Error(`RTNETLINK answers: File exists (${name} duplicates ${clash[0]})`);
    return gre;
  }

  private addLink(rest: readonly string[]): string {
    const name = rest[1]!;
    if (this.links.has(name)) throw new Error(`RTNETLINK answers: File exists (${name})`);
    this.links.set(name, this.gre(name, rest.slice(2), this.nextIfindex++));
    return '';
  }

  private changeLink(rest: readonly string[]): string {
    const name = rest[1]!;
    const link = this.links.get(name);
    if (!link || link.type !== 'gre')
      throw new Error(`RTNETLINK answers: Operation not supported (${name})`);
    this.links.set(name, { ...this.gre(name, rest.slice(2), link.ifindex), up: link.up });
    return '';
  }

  private setUp(rest: readonly string[]): string {
    const link = this.links.get(rest[1]!);
    if (!link || rest[2] !== 'up') throw new Error(`Cannot find device "${rest[1]}"`);
    link.up = true;
    return '';
  }

  private delLink(name: string): string {
    if (!this.links.delete(name)) throw new Error(`Cannot find device "${name}"`);
    for (const [dst, dev] of this.routes) if (dev === name) this.routes.delete(dst);
    return '';
  }

  private addFou(port: number, type: string): string {
    if (this.fou.has(port)) throw new Error('RTNETLINK answers: File exists');
    this.fou.set(port, type);
    return '';
  }

  private delFou(port: number): string {
    if (!this.fou.delete(port)) throw new Error('RTNETLINK answers: No such file or directory');
    return '';
  }

  private replaceRoute(dst: string, dev: string): string {
    if (!this.links.has(dev)) throw new Error(`Cannot find device "${dev}"`);
    this.routes.set(dst.replace(/\/32$/, ''), dev);
    return '';
  }

  private delRoute(dst: string, dev: string): string {
    const key = dst.replace(/\/32$/, '');
    if (this.routes.get(key) !== dev) throw new Error('RTNETLINK answers: No such process');
    this.routes.delete(key);
    return '';
  }

  /** `ip -d -j link show`, with a loopback and a NIC that are not ours. */
  linkJson(): string {
    const ours = [...this.links].map(([name, l]) => ({
      ifindex: l.ifindex,
      ifname: name,
      flags: l.up ? ['POINTOPOINT', 'NOARP', 'UP', 'LOWER_UP'] : ['POINTOPOINT', 'NOARP'],
      mtu: 1448,
      operstate: l.up ? 'UNKNOWN' : 'DOWN',
      link_type: l.type,
      linkinfo: {
        info_kind: l.type,
        info_data:
          l.type === 'gre'
            ? {
                remote: l.remote,
                local: l.local,
                ttl: 0,
                pmtudisc: true,
                ikey: keyQuad(l.key),
                okey: keyQuad(l.key),
                encap: {
                  type: 'gue',
                  sport: 0,
                  dport: l.dport,
                  csum: false,
                  csum6: false,
                  remcsum: false,
                },
              }
            : { proto: 'ipip', remote: 'any', local: 'any', ttl: 0, pmtudisc: false },
      },
    }));
    return JSON.stringify([
      {
        ifindex: 1,
        ifname: 'lo',
        flags: ['LOOPBACK', 'UP', 'LOWER_UP'],
        mtu: 65536,
        link_type: 'loopback',
      },
      {
        ifindex: 2,
        ifname: 'enp1s0',
        flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
        mtu: 1500,
        link_type: 'ether',
      },
      ...ours,
    ]);
  }

  fouJson(): string {
    return JSON.stringify(
      [...this.fou].map(([port, type]) =>
        type === 'gue'
          ? { port, gue: null, family: 'inet' }
          : { port, ipproto: Number(type), family: 'inet' },
      ),
    );
  }

  routeJson(): string {
    return JSON.stringify([
      { dst: 'default', gateway: '192.168.1.1', dev: 'enp1s0', protocol: 'dhcp', flags: [] },
      ...[...this.routes].map(([dst, dev]) => ({ dst, dev, scope: 'link', flags: [] })),
    ]);
  }

  outputs(): string[] {
    return [this.linkJson(), this.fouJson(), this.routeJson()];
  }
}
