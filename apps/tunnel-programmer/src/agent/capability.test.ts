import { describe, expect, it } from 'vitest';
import { missingCapability, missingCli } from './capability.js';
import { CommandError } from './command-runner.js';

const failure = (argv: string[], stderr: string, extra: Partial<CommandError['detail']> = {}) =>
  new CommandError(argv, { exitCode: 1, stderr, timedOut: false, notFound: false, ...extra });

describe('which failures mean "this node cannot be programmed"', () => {
  it.each<[string, 'linux' | 'true-ingress', CommandError, string | undefined]>([
    [
      'ip fou without the fou module (as on this kernel)',
      'linux',
      failure(
        ['ip', '-j', 'fou', 'show'],
        'RTNETLINK answers: No such file or directory\nError talking to the kernel\n',
      ),
      'the kernel has no fou',
    ],
    [
      'a GRE device without ip_gre',
      'linux',
      failure(
        ['ip', 'link', 'add', 'name', 'epic7', 'type', 'gre'],
        'Error: Unknown device type.\n',
      ),
      'cannot create GRE tunnel devices',
    ],
    [
      'a missing ip binary',
      'linux',
      failure(['ip', '-j', 'fou', 'show'], '', { notFound: true, exitCode: undefined }),
      'ip is not installed',
    ],
    [
      'a missing CLI run through ip netns exec',
      'true-ingress',
      failure(['/opt/acnodal/bin/cli_tunnel', 'get', 'all'], '', { notFound: true }),
      '/opt/acnodal/bin/cli_tunnel is not installed',
    ],
    [
      'a route that already exists',
      'linux',
      failure(['ip', 'route', 'add'], 'RTNETLINK answers: File exists'),
      undefined,
    ],
    [
      'a CLI that fails',
      'true-ingress',
      failure(['cli_tunnel', 'del', '7'], 'TUNNEL.DEL (7) FAILED'),
      undefined,
    ],
  ])('%s', (_, driver, err, expected) => {
    const message = missingCapability(driver, err);
    if (expected === undefined) expect(message).toBeUndefined();
    else expect(message).toContain(expected);
  });

  it('a missing CLI says what to do', () => {
    expect(missingCli('/opt/acnodal/bin/cli_tunnel', 'ENOENT')).toEqual({
      available: false,
      message:
        'true-ingress driver: /opt/acnodal/bin/cli_tunnel is missing or not executable (ENOENT); install true-ingress or point --bin-dir at it',
    });
  });
});
