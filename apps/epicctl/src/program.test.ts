// The command line as a user types it, through commander's parseAsync with exitOverride: usage
// errors exit 2 before any apiserver is contacted, help exits 0 and shows examples everywhere.
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { Cluster } from './cluster.js';
import type { Deps } from './deps.js';
import { ExitCode } from './exit-codes.js';
import { buildProgram } from './program.js';
import { run } from './run.js';
import { fakeClock } from './testdata/objects.js';

interface Captured {
  out: string;
  err: string;
  connects: number;
}

/** Deps whose cluster throws if touched: these tests prove parsing stops before I/O. */
function offlineDeps(): Deps & { captured: Captured } {
  const captured: Captured = { out: '', err: '', connects: 0 };
  return {
    captured,
    io: { out: (t) => (captured.out += t), err: (t) => (captured.err += t), isTTY: false },
    clock: fakeClock(),
    connect: () => {
      captured.connects++;
      return new Proxy({} as Cluster, {
        get: (_target, key) => {
          if (key === 'server') return 'https://offline.invalid';
          throw new Error(`test cluster touched: ${String(key)}`);
        },
      });
    },
  };
}

async function epicctl(...argv: string[]) {
  const deps = offlineDeps();
  const code = await run(argv, deps);
  return { code, ...deps.captured };
}

function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

describe('help', () => {
  const program = buildProgram(offlineDeps(), {});
  const paths = allCommands(program)
    .filter((c) => c.name() !== 'help')
    .map((c) => {
      const names: string[] = [];
      for (let at: Command | null = c; at?.parent; at = at.parent) names.unshift(at.name());
      return names;
    });

  it('covers every command of the brief', () => {
    expect(paths.map((p) => p.join(' ')).sort()).toEqual(
      [
        '',
        'account',
        'account create',
        'account delete',
        'account list',
        'account show',
        'group',
        'group create',
        'group delete',
        'group list',
        'group show',
        'ids',
        'lb',
        'lb list',
        'lb show',
        'prefix',
        'prefix create',
        'prefix delete',
        'prefix list',
        'prefix show',
      ].sort(),
    );
  });

  it.each(paths.map((p) => [p.join(' ') || '(root)', p]))(
    '%s --help: exit 0, with examples',
    async (_name, path) => {
      const result = await epicctl(...path, '--help');
      expect(result.code).toBe(ExitCode.ok);
      expect(result.out).toContain('Usage: epicctl');
      expect(result.out).toMatch(/Examples:\n {2}epicctl /);
      expect(result.connects).toBe(0);
    },
  );

  it('the root help documents the exit codes', async () => {
    const { out } = await epicctl('--help');
    expect(out).toContain('4  timed out (--timeout ran out while waiting)');
    expect(out).toContain('5  already exists');
  });

  it('--version prints the version', async () => {
    const { code, out } = await epicctl('--version');
    expect(code).toBe(ExitCode.ok);
    expect(out).toBe('0.1.0\n');
  });
});

describe('usage errors exit 2 and never reach the apiserver', () => {
  it.each([
    [['acount', 'list'], "unknown command 'acount'"],
    [['account'], 'Usage: epicctl account'],
    [['account', 'create'], "missing required argument 'name'"],
    [['account', 'list', '-o', 'xml'], 'Allowed choices are table, json, yaml'],
    [
      ['account', 'create', 'acme', '--timeout', 'soon'],
      "option '--timeout <duration>' argument 'soon' is invalid",
    ],
    [
      ['account', 'create', 'acme', '--proxy-limit', '-1'],
      'Expected a whole number from 0 to 2147483647',
    ],
    [['account', 'create', 'Acme_Widgets'], 'account name "Acme_Widgets" is not valid'],
    [['account', 'delete', 'UPPER'], 'account name "UPPER" is not valid'],
    [['prefix', 'create', 'default'], "required option '--pool <pool>' not specified"],
    [['prefix', 'create', 'default', '--pool', '10.0.0.1-10.0.0.9'], '--subnet is required'],
    [
      ['prefix', 'create', 'default', '--pool', '10.1.0.0/24', '--subnet', '10.0.0.0/24'],
      'is not inside subnet',
    ],
    [
      ['prefix', 'create', 'Bad_Name', '--pool', '10.0.0.0/24'],
      'service prefix name "Bad_Name" is not valid',
    ],
    [['group', 'create', 'web', '--prefix', 'default'], 'pass --account <name> or --system'],
    [['group', 'create', 'web', '--prefix', 'default', '--account', 'a', '--system'], 'not both'],
    [
      ['group', 'create', 'web', '--account', 'a'],
      "required option '--prefix <name>' not specified",
    ],
    [
      ['group', 'create', 'web', '--account', 'a', '--prefix', 'p', '--replicas', 'two'],
      'Expected a whole number',
    ],
    [
      [
        'group',
        'create',
        'web',
        '--account',
        'a',
        '--prefix',
        'p',
        '--envoy-template',
        '/nonexistent/envoy.yaml',
      ],
      '--envoy-template /nonexistent/envoy.yaml: cannot read it (ENOENT)',
    ],
    [['group', 'delete', 'web'], 'pass --account <name> or --system'],
    [['group', 'list', '--account', 'a', '--system'], 'not both'],
    [['lb', 'list', '--account', 'Nope!'], 'account name "Nope!" is not valid'],
    [['ids', '--bogus'], "unknown option '--bogus'"],
  ])('epicctl %j', async (argv, message) => {
    const result = await epicctl(...argv);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.err + result.out).toContain(message);
    expect(result.out).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('failures are one line', () => {
  it('an error prints `error: <message>` and nothing else', async () => {
    const result = await epicctl('account', 'list');
    expect(result.code).toBe(ExitCode.error);
    expect(result.err).toBe('error: test cluster touched: listAll\n');
    expect(result.connects).toBe(1);
  });

  it('--kubeconfig and --context reach connect()', async () => {
    const deps = offlineDeps();
    const code = await run(
      ['account', 'list', '--context', 'nope', '--kubeconfig', '/nonexistent/kubeconfig'],
      {
        ...deps,
        connect: (options) => {
          expect(options).toEqual({ kubeconfig: '/nonexistent/kubeconfig', context: 'nope' });
          return deps.connect(options);
        },
      },
    );
    expect(code).toBe(ExitCode.error);
  });
});
