import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, loadWorkerConfig, parseEnvironment } from './config.js';

const good = {
  EPIC_KAFKA_BROKERS: '127.0.0.1:19092, kafka-1:9092',
  EPIC_REDIS_URL: 'redis://127.0.0.1:16379',
};

describe('loadWorkerConfig', () => {
  it('parses a complete environment, with defaults', () => {
    expect(loadWorkerConfig({ ...good, PATH: '/bin' })).toEqual({
      kafkaBrokers: ['127.0.0.1:19092', 'kafka-1:9092'],
      redisUrl: 'redis://127.0.0.1:16379',
      topicPrefix: '',
      httpPort: 8080,
      logLevel: 'info',
    });
  });

  it('takes a prefix, a port and a level', () => {
    const config = loadWorkerConfig({
      ...good,
      EPIC_TOPIC_PREFIX: 't-1',
      EPIC_HTTP_PORT: '0',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({ topicPrefix: 't-1', httpPort: 0, logLevel: 'debug' });
  });

  it('lists every bad key at once', () => {
    const bad = {
      EPIC_KAFKA_BROKERS: ' , ',
      EPIC_REDIS_URL: 'http://x',
      EPIC_TOPIC_PREFIX: '.bad.',
      EPIC_HTTP_PORT: '70000',
      LOG_LEVEL: 'loud',
    };
    let error: unknown;
    try {
      loadWorkerConfig(bad);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const keys = (error as ConfigError).problems.map((p) => p.split(':')[0]);
    expect(keys.sort()).toEqual(Object.keys(bad).sort());
  });

  it.each([
    ['EPIC_KAFKA_BROKERS', { EPIC_REDIS_URL: good.EPIC_REDIS_URL }],
    ['EPIC_REDIS_URL', { EPIC_KAFKA_BROKERS: good.EPIC_KAFKA_BROKERS }],
    ['EPIC_KAFKA_BROKERS', { ...good, EPIC_KAFKA_BROKERS: 'no-port' }],
  ])('rejects a missing or malformed %s', (key, env) => {
    expect(() => loadWorkerConfig(env)).toThrow(new RegExp(`${key}: `));
  });
});

describe('parseEnvironment', () => {
  const Schema = z.object({
    EPIC_A: z.coerce.number().int().default(1),
    EPIC_B: z.string().min(1),
  });

  it('returns what the schema reads, with its defaults', () => {
    expect(parseEnvironment(Schema, { EPIC_B: 'b', PATH: '/bin' })).toEqual({
      EPIC_A: 1,
      EPIC_B: 'b',
    });
  });

  it('throws a ConfigError naming every bad variable, in schema order', () => {
    const parse = () => parseEnvironment(Schema, { EPIC_A: 'x' });
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(/^invalid configuration: EPIC_A: .*; EPIC_B: /);
  });
});
