import { pino, type DestinationStream, type Level, type Logger } from 'pino';

export type { Logger } from 'pino';

/** The levels LOG_LEVEL may name. */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/**
 * Paths whose values never reach a log line: tokens, passwords, authorization headers and the
 * GUE tunnel keys of EPIC objects. Keys with a '-' need the bracket form.
 */
export const redactedPaths: readonly string[] = [
  '*.token',
  '*.password',
  '*.authorization',
  '*["tunnel-key"]',
  'headers.authorization',
];

export interface CreateLoggerOptions {
  /** The app name, on every line as `app`. */
  app: string;
  /** Default `info`. */
  level?: LogLevel | Level;
  /** Where lines go; default stdout. Tests pass a stream to read lines back. */
  destination?: DestinationStream;
}

/**
 * The root logger of an app. Modules take `logger.child({ component })`, units of work
 * `child({ eventId, type, ref })`; errors are logged as `log.error({ err }, 'what failed')`.
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: options.app },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: [...redactedPaths], censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}
