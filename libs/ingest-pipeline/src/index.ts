// @epic/ingest-pipeline: watched objects -> domain events -> Kafka, ordered, checkpointed.
export * from './change-pump.js';
export * from './ingest.js';
export * from './ingest-metrics.js';
export * from './object-key.js';
export * from './published-store.js';
export * from './snapshot-diff.js';
