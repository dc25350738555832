import type { Logger } from '@epic/logging';
import { startWorker, type WorkerConfig, type WorkerHandle } from '@epic/worker-runtime';
import { formatEvent } from './format-event.js';

export interface RunAuditOptions {
  config: WorkerConfig;
  logger: Logger;
  /** Where the lines go: stdout in main.ts, an array in tests. */
  write: (line: string) => void;
}

/** The audit worker: every topic, one formatted line per event, in queue order. */
export function runAudit({ config, logger, write }: RunAuditOptions): Promise<WorkerHandle> {
  return startWorker({
    name: 'audit',
    group: 'audit',
    prefix: config.topicPrefix,
    kafkaBrokers: config.kafkaBrokers,
    redisUrl: config.redisUrl,
    httpPort: config.httpPort,
    concurrency: 1,
    logger,
    handler: (event) => {
      write(formatEvent(event));
      return Promise.resolve();
    },
  });
}
