// The recording true-ingress of ./fake-true-ingress/ (same state-dir layout, same journal, same
// delay and failure files, same output formats) as an in-process Runner: the stack test's
// agents run the real true-ingress driver against it without a process per command, which on
// a loaded machine is what would dominate the test. State is written to disk command by
// command, so an agent killed with SIGKILL leaves exactly what it had applied.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  appendFileSync,
} from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { basename, join } from 'node:path';
import { CommandError, type CommandResult, type Runner } from '../agent/command-runner.js';

function fail(argv: readonly string[], stderr: string, exitCode = 1): never {
  throw new CommandError(argv, { exitCode, stderr, timedOut: false, notFound: false });
}

function entries(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

export function fakeTrueIngressRunner(state: string): Runner {
  for (const dir of ['tunnels', 'encaps', 'verify'])
    mkdirSync(join(state, dir), { recursive: true });
  const mutate = async (argv: readonly string[]) => {
    const delay = join(state, 'delay');
    if (existsSync(delay)) await sleep(Number(readFileSync(delay, 'utf8')) * 1000);
    const failure = join(state, 'fail');
    if (existsSync(failure)) fail(argv, readFileSync(failure, 'utf8'));
    appendFileSync(
      join(state, 'journal'),
      `${basename(argv[0] ?? '')} ${argv.slice(1).join(' ')}\n`,
    );
  };
  const tunnel = async (argv: readonly string[]): Promise<string> => {
    const [, verb, id, local, lport, remote, rport] = argv;
    if (verb === 'get') {
      const rows = entries(join(state, 'tunnels')).map((tid) => {
        const [l, lp, r, rp] = readFileSync(join(state, 'tunnels', tid), 'utf8')
          .trim()
          .split(' ');
        return `TUN\t${tid.padStart(8)}\t${(l ?? '').padStart(16)}:${lp} -> ${r}:${rp}`;
      });
      return ['TABLE-TUNNEL:', ...rows, `Entries:  ${rows.length}`, ''].join('\n');
    }
    await mutate(argv);
    const file = join(state, 'tunnels', id ?? '');
    if (verb === 'set') {
      writeFileSync(file, `${local} ${lport} ${remote === '0' ? '0.0.0.0' : remote} ${rport}\n`);
      return `TUNNEL.SET (${id})\t\tOK\n`;
    }
    if (verb === 'del' && existsSync(file)) {
      rmSync(file);
      return `TUNNEL.DEL (${id})\t\tOK\n`;
    }
    return fail(argv, `TUNNEL.${(verb ?? '').toUpperCase()} (${id}) FAILED`);
  };
  const encaps = join(state, 'encaps');
  const printEncaps = () => {
    const rows = entries(encaps).map((name) => {
      const [p, a, po, ifx] = name.split('_');
      const tid = readFileSync(join(encaps, name), 'utf8').trim();
      return `ENCAP (${p} ${a}:${po})  ${ifx} -> ${tid}`;
    });
    return ['TABLE-ENCAP:', ...rows, `Entries:  ${rows.length}`, ''].join('\n');
  };
  const setGateway = async (argv: readonly string[]) => {
    const [, , id, proto, ip, port, ifindex] = argv;
    if (proto !== 'tcp' && proto !== 'udp') fail(argv, `Unsupported IP proto '${proto}'`);
    await mutate(argv);
    writeFileSync(join(encaps, `${proto}_${ip}_${port}_${ifindex}`), `${id}\n`);
    writeFileSync(join(state, 'verify', id ?? ''), '');
    return `ENCAP.SET (${proto} ${ip}:${port}) ${ifindex}\t\tOK\n`;
  };
  const deleteGateways = async (argv: readonly string[]) => {
    const id = argv[2] ?? '';
    await mutate(argv);
    if (!existsSync(join(state, 'verify', id))) fail(argv, `VERIFY.DEL (${id}) FAILED`);
    for (const name of entries(encaps)) {
      if (readFileSync(join(encaps, name), 'utf8').trim() === id) rmSync(join(encaps, name));
    }
    rmSync(join(state, 'verify', id));
    return `VERIFY.DEL (${id})\t\tOK\n`;
  };
  const service = (argv: readonly string[]): Promise<string> | string => {
    const verb = argv[1];
    if (verb === 'get') return printEncaps();
    if (verb === 'set-gw') return setGateway(argv);
    if (verb === 'del') return deleteGateways(argv);
    return fail(argv, `cli_service: unknown command '${verb}'`, 2);
  };
  return {
    async run(argv): Promise<CommandResult> {
      const cli = basename(argv[0] ?? '');
      if (cli === 'cli_tunnel') return { stdout: await tunnel(argv), stderr: '' };
      if (cli === 'cli_service') return { stdout: await service(argv), stderr: '' };
      return fail(argv, `fake true-ingress: ${cli} is not one of its CLIs`, 127);
    },
  };
}
