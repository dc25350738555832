// The two data-plane drivers the agent can run (chosen by --driver): the planning half comes from
// libs/tunnel-plan, the probe half (can this node be programmed at all?) is here.
//   true-ingress: the original eBPF data plane's CLIs, which must exist and be executable.
//   linux: kernel GUE through iproute2; the kernel needs the fou and ip_gre modules. `ip fou
//          show` fails without fou; a missing ip_gre shows on the first `ip link add`.
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import {
  defaultTrueIngressBinDir,
  linuxDriver,
  trueIngressDriver,
  type Driver,
  type DriverName,
} from '@epic/tunnel-plan';
import { available, missingCapability, missingCli, type Capability } from './capability.js';
import { CommandError, type Runner } from './command-runner.js';

export interface DataPlaneDriver {
  driver: Driver;
  probe(): Promise<Capability>;
}

export interface DriverOptions {
  name: DriverName;
  runner: Runner;
  /** true-ingress: where cli_tunnel and cli_service live. */
  binDir?: string;
  /** linux: the ip binary. */
  ip?: string;
}

async function executable(path: string): Promise<string | undefined> {
  try {
    await access(path, constants.X_OK);
    return undefined;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? String(err);
  }
}

function trueIngress(options: DriverOptions): DataPlaneDriver {
  const binDir = options.binDir ?? defaultTrueIngressBinDir;
  return {
    driver: trueIngressDriver({ binDir }),
    async probe() {
      for (const cli of ['cli_tunnel', 'cli_service']) {
        const path = `${binDir}/${cli}`;
        const why = await executable(path);
        if (why !== undefined) return missingCli(path, why);
      }
      return available;
    },
  };
}

function linux(options: DriverOptions): DataPlaneDriver {
  const ip = options.ip ?? 'ip';
  return {
    driver: linuxDriver({ ip }),
    async probe() {
      try {
        await options.runner.run([ip, '-j', 'fou', 'show']);
        return available;
      } catch (err) {
        if (!(err instanceof CommandError)) throw err;
        const missing = missingCapability('linux', err);
        if (missing !== undefined) return { available: false, message: missing };
        throw err;
      }
    },
  };
}

const makers: Record<DriverName, (options: DriverOptions) => DataPlaneDriver> = {
  'true-ingress': trueIngress,
  linux,
};

export function dataPlaneDriver(options: DriverOptions): DataPlaneDriver {
  return makers[options.name](options);
}
