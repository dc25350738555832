import type { Logger } from '@epic/logging';

export class ShutdownTimeoutError extends Error {
  constructor(
    readonly timeoutMs: number,
    readonly pending: string,
  ) {
    super(`shutdown did not finish within ${timeoutMs} ms (still at: ${pending}); forced`);
    this.name = 'ShutdownTimeoutError';
  }
}

export interface ShutdownStep {
  name: string;
  run: () => Promise<unknown>;
}

/**
 * Runs the steps in order; a failing step is logged and the next one still runs. When the
 * whole sequence exceeds `timeoutMs`, `force` runs and the call rejects.
 */
export async function runShutdown(args: {
  steps: readonly ShutdownStep[];
  timeoutMs: number;
  force: () => Promise<void>;
  log: Logger;
}): Promise<void> {
  let current = 'start';
  const sequence = (async () => {
    for (const step of args.steps) {
      current = step.name;
      const started = Date.now();
      try {
        await step.run();
        args.log.debug({ step: step.name, ms: Date.now() - started }, 'shutdown step done');
      } catch (err) {
        args.log.error({ err, step: step.name }, 'shutdown step failed; continuing');
      }
    }
    current = 'done';
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), args.timeoutMs);
  });
  const outcome = await Promise.race([sequence.then(() => 'done' as const), timeout]);
  clearTimeout(timer);
  if (outcome === 'done') return;
  const error = new ShutdownTimeoutError(args.timeoutMs, current);
  args.log.error({ err: error }, 'shutdown timed out; forcing');
  await args.force();
  throw error;
}

/**
 * SIGTERM/SIGINT run `stop` once and exit 0 (1 if it failed); a second signal exits at once.
 * Returns a function that removes the handlers.
 */
export function onShutdownSignals(
  stop: () => Promise<void>,
  logger: Logger,
  exit: (code: number) => void = (code) => process.exit(code),
): () => void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal during shutdown; exiting now');
      exit(1);
      return;
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop().then(
      () => exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
  return () => {
    process.off('SIGTERM', handle);
    process.off('SIGINT', handle);
  };
}
