// `npm run demo [-- flags]`: the command line, parsed by commander and checked with zod.
import { Command, Option } from 'commander';
import { z } from 'zod';
import { isDnsLabel, userNamespacePrefix } from '@epic/model';
import { logLevels } from '@epic/logging';

const UpCommand = z.object({
  action: z.literal('up'),
  account: z
    .string()
    .refine(
      (a) => isDnsLabel(a) && isDnsLabel(userNamespacePrefix + a),
      'an account name is lowercase letters, digits and "-", at most 58 characters',
    ),
  isolate: z.boolean(),
  stateDir: z.string().min(1),
  timeoutSeconds: z.coerce.number().int().min(10).max(3600),
  logLevel: z.enum(logLevels),
});

const DownCommand = z.object({
  action: z.literal('down'),
  stack: z.boolean(),
  stateDir: z.string().min(1),
});

export const DemoCommand = z.discriminatedUnion('action', [UpCommand, DownCommand]);
export type DemoCommand = z.infer<typeof DemoCommand>;
export type UpCommand = z.infer<typeof UpCommand>;
export type DownCommand = z.infer<typeof DownCommand>;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function program(defaultStateDir: string): Command {
  return new Command('demo')
    .description(
      "Brings up the local stack and every EPIC app, creates the seed's world (account root, " +
        'the sample service group, the LoadBalancer sample-acnodal and two client endpoints) ' +
        'and shows what the apps made of it.',
    )
    .addOption(new Option('--down', 'stop the apps and remove what the demo created'))
    .addOption(new Option('--stack', 'with --down: also stop the local stack'))
    .addOption(new Option('--account <name>', 'the account to create').default('root'))
    .addOption(
      new Option(
        '--isolate',
        'share the stack politely: unique names, apps and webhooks scoped to the demo',
      ),
    )
    .addOption(new Option('--state-dir <dir>', 'logs, pids, run state').default(defaultStateDir))
    .addOption(
      new Option('--timeout <seconds>', 'how long to wait for the world to converge').default(
        '180',
      ),
    )
    .addOption(
      new Option('--log-level <level>', "the apps' log level").choices(logLevels).default('info'),
    )
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined })
    .helpOption(false);
}

const examples = [
  'Examples:',
  '  npm run demo                                # stack, apps, the seed world, its outputs',
  '  npm run demo -- --down                      # stop the apps, remove the demo objects',
  '  npm run demo -- --down --stack              # ... and stop the local stack',
  '  npm run demo -- --isolate --account t-me    # beside other users of the stack',
  '',
].join('\n');

/** The usage text. */
export function demoUsage(defaultStateDir: string): string {
  return `${program(defaultStateDir).helpOption(true).helpInformation()}\n${examples}`;
}

function onlyWithDown(options: Record<string, unknown>, command: Command): string[] {
  const upOnly = ['account', 'isolate', 'timeout', 'logLevel'];
  return upOnly.filter((key) => command.getOptionValueSource(key) === 'cli' && options[key]);
}

const flags: Readonly<Record<string, string>> = {
  timeoutSeconds: '--timeout',
  logLevel: '--log-level',
  stateDir: '--state-dir',
};

function flagOf(key: PropertyKey | undefined): string {
  const name = String(key ?? '');
  return flags[name] ?? `--${name}`;
}

/** argv (without node and script) -> the command; UsageError names what is wrong. */
export function parseDemoArgs(args: readonly string[], defaultStateDir: string): DemoCommand {
  const command = program(defaultStateDir);
  try {
    command.parse(args, { from: 'user' });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/^error: /, ''));
  }
  const o = command.opts<Record<string, unknown>>();
  if (o.stack && !o.down) throw new UsageError('--stack goes with --down');
  const misplaced = o.down ? onlyWithDown(o, command) : [];
  if (misplaced.length > 0) {
    throw new UsageError(`--down takes only --stack and --state-dir (not ${misplaced.join(', ')})`);
  }
  const raw = o.down
    ? { action: 'down', stack: o.stack === true, stateDir: o.stateDir }
    : {
        action: 'up',
        account: o.account,
        isolate: o.isolate === true,
        stateDir: o.stateDir,
        timeoutSeconds: o.timeout,
        logLevel: o.logLevel,
      };
  const parsed = DemoCommand.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${flagOf(i.path[0])}: ${i.message}`);
    throw new UsageError(problems.join('; '));
  }
  return parsed.data;
}
