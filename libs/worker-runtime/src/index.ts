// @epic/worker-runtime: what every worker runs on, so none re-invents it — Kafka consumer ->
// BullMQ queue (one job per event id) -> handler with retries and dead letters, Prometheus
// metrics, /healthz /readyz /metrics, configuration, start-up and graceful shutdown.
export * from './boot-worker.js';
export * from './config.js';
export {
  jobRetention,
  type EventHandler,
  type EventJobData,
  type HandlerContext,
} from './event-job.js';
export * from './health-server.js';
export { jobIdFor } from './job-id.js';
export { counterValue, type WorkerMetrics } from './metrics.js';
export * from './name-list.js';
export * from './namespace-scope.js';
export { PermanentError, isPermanent } from './permanent-error.js';
export { obliterateWorkerQueue } from './queue-admin.js';
export { redisAnswers } from './redis-connections.js';
export * from './run-until-stopped.js';
export { onShutdownSignals, ShutdownTimeoutError } from './shutdown.js';
export * from './start-worker.js';
