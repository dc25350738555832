// One CLI invocation: parse, run the command, and turn every outcome into an exit code. A
// failure prints one `error: ...` line; commander has already printed its own usage errors.
import { CommanderError } from 'commander';
import type { RunState } from './commands/context.js';
import type { Deps } from './deps.js';
import { ExitCode } from './exit-codes.js';
import { toFailure } from './failure.js';
import { buildProgram } from './program.js';

export async function run(argv: readonly string[], deps: Deps): Promise<ExitCode> {
  const state: RunState = {};
  const program = buildProgram(deps, state);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ExitCode.ok;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    const failure = toFailure(err, { server: state.server });
    deps.io.err(`error: ${failure.message}\n`);
    if (deps.debug && err instanceof Error) deps.io.err(`${err.stack ?? ''}\n`);
    return failure.exitCode;
  }
}
