// npm run demo [-- --down [--stack] | --account A | --isolate | ...]: wiring only.
import { createLogger } from '@epic/logging';
import { repoRoot } from '@epic/testing';
import { demoUsage, parseDemoArgs, UsageError } from './cli.js';
import { demoDown } from './demo-down.js';
import { DemoError } from './demo-error.js';
import { demoUp } from './demo-up.js';
import { defaultStateDir } from './run-state.js';

// kafkajs's request queue arms timers with negative delays, which Node clamps to 1 ms and warns
// about on every admin call; the warning says nothing a demo user could act on.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name !== 'TimeoutNegativeWarning')
    process.stderr.write(`${warning.stack ?? warning.message}\n`);
});

const stateDir = defaultStateDir(repoRoot);
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(demoUsage(stateDir));
  process.exit(0);
}

const env = {
  repoRoot,
  say: (line: string) => void process.stdout.write(`${line}\n`),
  // Library warnings (Kafka admin) go to stderr, apart from the demo's own lines.
  logger: createLogger({ app: 'demo', level: 'warn', destination: process.stderr }),
};

/** A DemoError says all; anything else is shown with its causes (the stack with EPIC_DEMO_DEBUG=1). */
function describeFailure(err: unknown): string {
  if (err instanceof DemoError) return err.message;
  if (process.env.EPIC_DEMO_DEBUG === '1') return String((err as Error).stack ?? err);
  const parts: string[] = [];
  for (let e: unknown = err; e !== undefined && parts.length < 4; e = (e as Error).cause) {
    parts.push(e instanceof Error ? e.message : JSON.stringify(e));
  }
  return parts.join(': ');
}

let downHint: string | undefined;
try {
  const command = parseDemoArgs(args, stateDir);
  const own = command.stateDir === stateDir ? '' : ` --state-dir ${command.stateDir}`;
  downHint = command.action === 'up' ? `npm run demo -- --down${own}` : undefined;
  if (command.action === 'down') await demoDown(command, env);
  else await demoUp(command, env);
} catch (err) {
  if (err instanceof UsageError) {
    process.stderr.write(`error: ${err.message}\n\n${demoUsage(stateDir)}`);
    process.exit(2);
  }
  process.stderr.write(`\nerror: ${describeFailure(err)}\n`);
  if (downHint) {
    process.stderr.write(
      'The apps that started keep running for a look at their logs; ' +
        `\`${downHint}\` stops them and removes what the demo created.\n`,
    );
  }
  process.exit(1);
}
// Clients (Kafka admin, kube watches) may hold the event loop; the apps run on without us.
process.exit(0);
