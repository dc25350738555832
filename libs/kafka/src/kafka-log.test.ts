import { Writable } from 'node:stream';
import { logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { createLogger, type LogLevel } from '@epic/logging';
import { kafkaLogCreator, kafkaLogLevelFor, pinoMethodFor } from './kafka-log.js';

describe('kafka log levels', () => {
  it.each([
    [logLevel.NOTHING, undefined],
    [logLevel.ERROR, 'error'],
    [logLevel.WARN, 'warn'],
    [logLevel.INFO, 'info'],
    [logLevel.DEBUG, 'debug'],
  ])('kafkajs level %i logs as pino %s', (level, method) => {
    expect(pinoMethodFor(level)).toBe(method);
  });

  it.each<[LogLevel, logLevel]>([
    ['trace', logLevel.DEBUG],
    ['debug', logLevel.DEBUG],
    ['info', logLevel.INFO],
    ['warn', logLevel.WARN],
    ['error', logLevel.ERROR],
    ['silent', logLevel.NOTHING],
  ])('a %s logger lets kafkajs log from %i', (level, expected) => {
    expect(kafkaLogLevelFor(createLogger({ app: 'a', level }))).toBe(expected);
  });

  it('writes a kafkajs entry as one pino line with its namespace and extras', () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    });
    const log = kafkaLogCreator(createLogger({ app: 'a', destination }))(logLevel.INFO);
    log({
      namespace: 'Consumer',
      level: logLevel.WARN,
      label: 'WARN',
      log: { timestamp: 'x', message: 'rebalancing', groupId: 'g', logger: 'kafkajs' },
    });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        kafkajs: 'Consumer',
        groupId: 'g',
        msg: 'rebalancing',
      }),
    ]);
    expect(lines[0]).not.toHaveProperty('timestamp');
  });
});
