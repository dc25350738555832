// The one place the agent runs a command: execFile (no shell, so no quoting and no injected
// words), a bounded time after which the command is killed, and an error that carries the argv,
// the exit code and stderr, so a failure explains itself (the original swallowed every one).
// With `netns`, every command runs inside that network namespace (`ip netns exec`): the agent
// can then program a namespace standing in for a node (development, tests).
import { execFile } from 'node:child_process';

export interface CommandResult {
  stdout: string;
  stderr: string;
}

export interface Runner {
  run(argv: readonly string[]): Promise<CommandResult>;
}

export class CommandError extends Error {
  override readonly name = 'CommandError';

  constructor(
    readonly argv: readonly string[],
    readonly detail: {
      exitCode?: number | undefined;
      signal?: string | undefined;
      stderr: string;
      timedOut: boolean;
      /** The program itself does not exist (ENOENT, or `ip netns exec` could not exec it). */
      notFound: boolean;
    },
  ) {
    super(`${argv.join(' ')}: ${describeFailure(detail)}`);
  }
}

function describeFailure(detail: CommandError['detail']): string {
  const stderr = detail.stderr.trim().split('\n').slice(-3).join(' / ').slice(0, 500);
  if (detail.notFound) return `not found${stderr ? ` (${stderr})` : ''}`;
  if (detail.timedOut) return `timed out and was killed${stderr ? ` (${stderr})` : ''}`;
  const status =
    detail.exitCode === undefined
      ? `killed by ${detail.signal ?? 'a signal'}`
      : `exit ${detail.exitCode}`;
  return stderr ? `${status}: ${stderr}` : status;
}

export interface RunnerOptions {
  /** Kill a command that runs longer (default 10 s). */
  timeoutMs?: number;
  /** Run every command inside this named network namespace. */
  netns?: string | undefined;
  /** The `ip` binary that enters the namespace (default `ip`). */
  ip?: string;
  /** Output beyond this fails the command (default 64 MiB: `ip -d -j link show` of many tunnels). */
  maxBuffer?: number;
}

interface ExecFailure {
  code?: number | string;
  signal?: string | null;
  killed?: boolean;
}

const execNotFound = /exec of "[^"]*" failed: No such file or directory/;

export function createRunner(options: RunnerOptions = {}): Runner {
  const timeout = options.timeoutMs ?? 10_000;
  const maxBuffer = options.maxBuffer ?? 64 * 1024 * 1024;
  const wrap = (argv: readonly string[]) =>
    options.netns ? [options.ip ?? 'ip', 'netns', 'exec', options.netns, ...argv] : [...argv];
  return {
    run(argv) {
      const [file, ...args] = wrap(argv);
      if (!file) return Promise.reject(new Error('an empty command cannot be run'));
      return new Promise((resolve, reject) => {
        execFile(
          file,
          args,
          { timeout, maxBuffer, killSignal: 'SIGKILL', encoding: 'utf8' },
          (err, stdout, stderr) => {
            if (!err) return resolve({ stdout, stderr });
            const failure = err as ExecFailure;
            const exitCode = typeof failure.code === 'number' ? failure.code : undefined;
            reject(
              new CommandError(argv, {
                exitCode,
                signal: failure.signal ?? undefined,
                stderr,
                timedOut: failure.killed === true && failure.signal === 'SIGKILL',
                notFound: failure.code === 'ENOENT' || execNotFound.test(stderr),
              }),
            );
          },
        );
      });
    },
  };
}
