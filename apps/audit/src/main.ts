// The audit worker's shell: configuration, logger, start, stop. Logs go to stderr so stdout
// carries only the audit lines.
import { createLogger } from '@epic/logging';
import { loadWorkerConfig, runUntilStopped, type WorkerConfig } from '@epic/worker-runtime';
import { runAudit } from './run-audit.js';

const bootLog = createLogger({ app: 'audit', destination: process.stderr });

function exitOn(what: string) {
  return (err: unknown): never => {
    bootLog.fatal({ err }, what);
    process.exit(1);
  };
}

function loadConfig(): WorkerConfig {
  try {
    return loadWorkerConfig(process.env);
  } catch (err) {
    return exitOn('invalid configuration')(err);
  }
}

const config = loadConfig();
const logger = createLogger({ app: 'audit', level: config.logLevel, destination: process.stderr });

const worker = await runAudit({
  config,
  logger,
  write: (line) => process.stdout.write(`${line}\n`),
}).catch(exitOn('audit worker failed to start'));
runUntilStopped(worker, logger);
