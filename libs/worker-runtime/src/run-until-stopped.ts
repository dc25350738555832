import type { Logger } from '@epic/logging';
import { onShutdownSignals } from './shutdown.js';

/** A started worker, or something that wraps one and stops more with it. */
export interface RunningWorker {
  /** Rejects when the Kafka consumer crashed for good. */
  readonly crashed: Promise<never>;
  stop(): Promise<void>;
}

/**
 * Keeps a started worker running until SIGTERM/SIGINT stop it (`onShutdownSignals`), or until
 * its Kafka consumer crashes for good: then a fatal log and exit 1, so that the pod restarts
 * rather than stays up consuming nothing. Returns a function that removes the signal handlers.
 */
export function runUntilStopped(
  worker: RunningWorker,
  logger: Logger,
  exit: (code: number) => void = (code) => process.exit(code),
): () => void {
  const removeSignalHandlers = onShutdownSignals(() => worker.stop(), logger, exit);
  worker.crashed.catch((err: unknown) => {
    logger.fatal({ err }, 'the Kafka consumer crashed');
    exit(1);
  });
  return removeSignalHandlers;
}
