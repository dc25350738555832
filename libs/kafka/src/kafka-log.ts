import { logLevel as KafkaLogLevel, type logCreator } from 'kafkajs';
import type { Logger } from '@epic/logging';

type PinoMethod = 'error' | 'warn' | 'info' | 'debug';

const methodByKafkaLevel: Readonly<Record<KafkaLogLevel, PinoMethod | undefined>> = {
  [KafkaLogLevel.NOTHING]: undefined,
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'info',
  [KafkaLogLevel.DEBUG]: 'debug',
};

/** The pino method a kafkajs level maps onto (none for NOTHING). */
export function pinoMethodFor(level: KafkaLogLevel): PinoMethod | undefined {
  return methodByKafkaLevel[level];
}

/**
 * The kafkajs level that lets through what the logger would print: kafkajs filters before
 * calling the log creator, so DEBUG chatter is not even formatted unless pino wants it.
 */
export function kafkaLogLevelFor(logger: Logger): KafkaLogLevel {
  if (logger.isLevelEnabled('debug')) return KafkaLogLevel.DEBUG;
  if (logger.isLevelEnabled('info')) return KafkaLogLevel.INFO;
  if (logger.isLevelEnabled('warn')) return KafkaLogLevel.WARN;
  if (logger.isLevelEnabled('error')) return KafkaLogLevel.ERROR;
  return KafkaLogLevel.NOTHING;
}

// pino writes its own time and message; kafkajs' `logger` field is always "kafkajs".
const kafkaOwnFields = new Set(['message', 'timestamp', 'logger']);

/** kafkajs logs as pino lines: `{ kafkajs: <namespace>, ...extra, msg }`. */
export function kafkaLogCreator(logger: Logger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const method = pinoMethodFor(level);
      if (method === undefined) return;
      const extra = Object.fromEntries(
        Object.entries(log).filter(([key]) => !kafkaOwnFields.has(key)),
      );
      logger[method]({ kafkajs: namespace, ...extra }, String(log.message));
    };
}
