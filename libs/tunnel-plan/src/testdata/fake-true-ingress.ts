// An in-memory true-ingress: runs the argv commands the driver plans with the CLIs' semantics
// (as read in cli_tunnel.c / cli_service.c) and prints `get all` in their formats. A command
// the real CLI would fail (del of an unknown id) throws, so a test also proves plans never
// rely on a failing command.
const rule = '-'.repeat(74);

interface Tunnel {
  local: string;
  localPort: number;
  remote: string;
  remotePort: number;
}

function bin(argv0: string | undefined): string {
  return (argv0 ?? '').split('/').at(-1) ?? '';
}

export class FakeTrueIngress {
  readonly tunnels = new Map<number, Tunnel>();
  /** "proto ip port ifindex" -> tunnel ID. */
  readonly encaps = new Map<string, number>();
  readonly verify = new Set<number>();
  readonly log: string[][] = [];

  run(argv: readonly string[]): string {
    this.log.push([...argv]);
    const [cmd, verb, ...args] = [bin(argv[0]), ...argv.slice(1)];
    if (cmd === 'cli_tunnel') return this.tunnel(verb, args);
    if (cmd === 'cli_service') return this.service(verb, args);
    throw new Error(`fake true-ingress: unknown command ${argv.join(' ')}`);
  }

  /** A GUE ping from the client: the EPIC side learns its (NAT) address. */
  ping(tunnelId: number, remote: string, remotePort: number): void {
    const t = this.tunnels.get(tunnelId);
    if (t) this.tunnels.set(tunnelId, { ...t, remote, remotePort });
  }

  private tunnel(verb: string | undefined, args: string[]): string {
    if (verb === 'get' && args[0] === 'all') return this.printTunnels();
    const id = Number(args[0]);
    if (verb === 'set') {
      const remote = args[3] === '0' ? '0.0.0.0' : args[3]!;
      this.tunnels.set(id, {
        local: args[1]!,
        localPort: Number(args[2]),
        remote,
        remotePort: Number(args[4]),
      });
      return `TUNNEL.SET (${id})\t\tOK\n`;
    }
    if (verb === 'del' && this.tunnels.delete(id)) return `TUNNEL.DEL (${id})\t\tOK\n`;
    throw new Error(`cli_tunnel ${verb} ${args.join(' ')}: exit 1`);
  }

  private service(verb: string | undefined, args: string[]): string {
    if (verb === 'get' && args[0] === 'all') return this.printServices();
    const id = Number(args[0]);
    if (verb === 'set-gw') {
      if (args[1] !== 'tcp' && args[1] !== 'udp')
        throw new Error(`Unsupported IP proto '${args[1]}'`);
      this.encaps.set(`${args[1]} ${args[2]} ${args[3]} ${args[4]}`, id);
      this.verify.add(id);
      return `ENCAP.SET (${args[1]} ${args[2]}:${args[3]}) ${args[4]}\t\tOK\nVERIFY.SET (${id})\t\tOK\n`;
    }
    if (verb === 'del' && this.verify.delete(id)) {
      for (const [key, tid] of this.encaps) if (tid === id) this.encaps.delete(key);
      return `VERIFY.DEL (${id})\t\tOK\n`;
    }
    throw new Error(`cli_service ${verb} ${args.join(' ')}: exit 1`);
  }

  private printTunnels(): string {
    // The real maps print in hash order; reversed insertion order stands in for "any order".
    const entries = [...this.tunnels.entries()].reverse();
    const rows = entries.map(
      ([id, t]) =>
        `TUN\t${String(id).padStart(8)}\t${t.local.padStart(16)}:${t.localPort} -> ${t.remote}:${t.remotePort}`,
    );
    return [
      'TABLE-TUNNEL:',
      '   \ttunnel-id\t\tlocal-ip:port -> remote-ip:port',
      rule,
      ...rows,
      rule,
      `Entries:  ${rows.length}`,
      '',
      'TABLE-DECAP:',
      '           proto\tip:port\t\t\tref-count',
      rule,
      ...entries.map(([, t]) => `DECAP\t${'udp'.padStart(8)}    ${t.remote}:${t.remotePort}\t\t1`),
      rule,
      `Entries:  ${entries.length}`,
      '',
      '',
    ].join('\n');
  }

  private printServices(): string {
    const encaps = [...this.encaps.entries()].reverse().map(([key, tid]) => {
      const [proto, ip, port, ifindex] = key.split(' ');
      return `ENCAP (${proto} ${ip}:${port})  ${ifindex} -> ${tid}`;
    });
    const verify = [...this.verify].map((tid) => `VERIFY (${tid}) ->\t\t\t(tcp 0.0.0.0:0)\t0`);
    return [
      'TABLE-ENCAP:',
      '\tdestination\tifindex -> tunnel-id\t',
      rule,
      ...encaps,
      rule,
      `Entries:  ${encaps.length}`,
      '',
      'TABLE-VERIFY:',
      '\ttid ->\t\tendpoint\t\tifindex',
      rule,
      ...verify,
      rule,
      `Entries:  ${verify.length}`,
      '',
      '',
    ].join('\n');
  }
}
