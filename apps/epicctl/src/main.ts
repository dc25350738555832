// epicctl: wiring only. Everything else is in run() so tests drive it in-process.
import { connectCluster } from './cluster.js';
import { systemClock } from './deps.js';
import { run } from './run.js';

const exitCode = await run(process.argv.slice(2), {
  io: {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    isTTY: process.stderr.isTTY === true,
  },
  clock: systemClock,
  connect: connectCluster,
  // A developer aid: the stack trace behind an error line, never shown by default.
  debug: process.env.EPICCTL_DEBUG === '1',
});
process.exitCode = exitCode;
