// ingest: watches every epic.acnodal.io kind, Envoy pods and account namespaces, and publishes
// domain events to Kafka. One replica leads (Lease `epic/epic-ingest`); the others stand by.
import { createLogger } from '@epic/logging';
import { loadIngestConfig } from './config.js';
import { startIngestApp } from './wiring.js';

const config = loadIngestConfig(process.env);
const logger = createLogger({ app: 'ingest', level: config.LOG_LEVEL });
const app = await startIngestApp(config, logger);

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  const deadline = setTimeout(() => {
    logger.error('shutdown took longer than 20 s: exiting');
    process.exit(1);
  }, 20_000);
  app.stop().then(
    () => (clearTimeout(deadline), process.exit(0)),
    (err: unknown) => (logger.error({ err }, 'shutdown failed'), process.exit(1)),
  );
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
