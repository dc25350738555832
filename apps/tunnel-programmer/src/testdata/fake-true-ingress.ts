// A recording true-ingress data plane for tests: the bash `cli_tunnel` / `cli_service` next to
// this file, copied into a temporary bin dir, each node with a state dir of its own. The agent
// runs them through its real runner and the real true-ingress driver; the test reads back what
// each node holds and the journal of every command that changed it.
import { randomBytes } from 'node:crypto';
import {
  chmod,
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const scripts = fileURLToPath(new URL('./fake-true-ingress/', import.meta.url));

export interface FakeNodeState {
  /** Tunnel ID -> "local:port". */
  tunnels: Map<number, string>;
  /** "proto ip:port ifindex" -> tunnel ID. */
  gateways: Map<string, number>;
}

export class FakeTrueIngress {
  private constructor(
    readonly root: string,
    readonly binDir: string,
  ) {}

  static async create(): Promise<FakeTrueIngress> {
    const root = await mkdtemp(join(tmpdir(), `t-fake-ti-${randomBytes(3).toString('hex')}-`));
    const binDir = join(root, 'bin');
    await mkdir(binDir);
    for (const cli of ['cli_tunnel', 'cli_service']) {
      await copyFile(join(scripts, cli), join(binDir, cli));
      await chmod(join(binDir, cli), 0o755);
    }
    return new FakeTrueIngress(root, binDir);
  }

  /** The state dir of one node (the CLIs find it in $FAKE_TRUE_INGRESS_STATE). */
  stateDir(node: string): string {
    return join(this.root, 'state', node);
  }

  env(node: string): Record<string, string> {
    return { FAKE_TRUE_INGRESS_STATE: this.stateDir(node) };
  }

  async state(node: string): Promise<FakeNodeState> {
    const dir = this.stateDir(node);
    const tunnels = new Map<number, string>();
    for (const id of await list(join(dir, 'tunnels'))) {
      const [local, port] = (await readFile(join(dir, 'tunnels', id), 'utf8')).trim().split(' ');
      tunnels.set(Number(id), `${local}:${port}`);
    }
    const gateways = new Map<string, number>();
    for (const name of await list(join(dir, 'encaps'))) {
      const [proto, ip, port, ifindex] = name.split('_');
      const tunnel = Number((await readFile(join(dir, 'encaps', name), 'utf8')).trim());
      gateways.set(`${proto} ${ip}:${port} ${ifindex}`, tunnel);
    }
    return { tunnels, gateways };
  }

  /** Every command that changed the node, in order. */
  async journal(node: string): Promise<string[]> {
    const text = await readFile(join(this.stateDir(node), 'journal'), 'utf8').catch(() => '');
    return text.split('\n').filter((line) => line !== '');
  }

  /** Each changing command sleeps this long first (undefined: no delay). */
  async setDelay(node: string, seconds: number | undefined): Promise<void> {
    const file = join(this.stateDir(node), 'delay');
    if (seconds === undefined) await rm(file, { force: true });
    else {
      await mkdir(this.stateDir(node), { recursive: true });
      await writeFile(file, String(seconds));
    }
  }

  /** Each changing command fails with this on stderr (undefined: none fails). */
  async setFailure(node: string, stderr: string | undefined): Promise<void> {
    const file = join(this.stateDir(node), 'fail');
    if (stderr === undefined) await rm(file, { force: true });
    else {
      await mkdir(this.stateDir(node), { recursive: true });
      await writeFile(file, stderr);
    }
  }

  async remove(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}

async function list(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}
