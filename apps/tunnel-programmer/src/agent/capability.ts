// Whether a driver can program this node at all, and which command failures mean it cannot
// (as opposed to a failure that a retry may fix). A missing capability is reported clearly on
// the Node and on every proxy the node serves, never ignored. Pure: the probes that gather the
// facts live in drivers.ts.
import type { DriverName } from '@epic/tunnel-plan';
import type { CommandError } from './command-runner.js';

export type Capability = { available: true } | { available: false; message: string };

export const available: Capability = { available: true };

// `ip fou` talks to the "fou" generic-netlink family, which exists only with the fou module.
export const noFouMessage =
  'the kernel has no fou (foo-over-UDP / GUE) support: load the fou module (modprobe fou)';
export const noGreMessage =
  'the kernel cannot create GRE tunnel devices: load the ip_gre module (modprobe ip_gre)';

const kernelRefused = /Error talking to the kernel|RTNETLINK answers: No such file or directory/;

function isFouCommand(argv: readonly string[]): boolean {
  return argv.includes('fou') || argv.includes('gue');
}

/** The clear "cannot program here" message a failed command stands for, or undefined. */
export function missingCapability(driver: DriverName, err: CommandError): string | undefined {
  if (err.detail.notFound) {
    return `${driver} driver: ${err.argv[0] ?? 'its command'} is not installed on this node (${err.message})`;
  }
  if (driver !== 'linux') return undefined;
  if (/Unknown device type/.test(err.detail.stderr)) {
    return `linux driver: ${noGreMessage} (${err.message})`;
  }
  if (isFouCommand(err.argv) && kernelRefused.test(err.detail.stderr)) {
    return `linux driver: ${noFouMessage} (${err.message})`;
  }
  return undefined;
}

/** A true-ingress CLI that is missing or not executable. */
export function missingCli(path: string, why: string): Capability {
  return {
    available: false,
    message: `true-ingress driver: ${path} is missing or not executable (${why}); install true-ingress or point --bin-dir at it`,
  };
}
