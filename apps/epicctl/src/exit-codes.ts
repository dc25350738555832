// Exit codes are part of the CLI's contract: scripts branch on them (an onboarding script may
// treat "already exists" as success), so each failure class has its own number.

export const ExitCode = {
  ok: 0,
  /** Anything else: the apiserver refused, could not be reached, an object is in a bad state. */
  error: 1,
  /** Bad command line: unknown command or flag, a flag value that does not parse. */
  usage: 2,
  /** The named account, prefix, group or load balancer does not exist. */
  notFound: 3,
  /** A wait (`--timeout`) ran out before the cluster reached the expected state. */
  timedOut: 4,
  /** Create of something that already exists. */
  alreadyExists: 5,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure the CLI reports as one line a person can act on, with its exit code. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new CliError(message, ExitCode.usage);
export const notFound = (message: string) => new CliError(message, ExitCode.notFound);
export const timedOut = (message: string) => new CliError(message, ExitCode.timedOut);
export const alreadyExists = (message: string) => new CliError(message, ExitCode.alreadyExists);
export const failed = (message: string) => new CliError(message, ExitCode.error);
