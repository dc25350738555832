// @epic/logging: the one root logger of every app (pino JSON, one event per line, no secrets).
export * from './logger.js';
