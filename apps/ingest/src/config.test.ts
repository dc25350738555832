import { describe, expect, it } from 'vitest';
import { loadIngestConfig } from './config.js';

const base = {
  EPIC_KAFKA_BROKERS: '127.0.0.1:19092, 127.0.0.1:19093',
  EPIC_REDIS_URL: 'redis://127.0.0.1:16379',
};

describe('loadIngestConfig', () => {
  it('parses brokers and applies defaults', () => {
    const config = loadIngestConfig(base);
    expect(config.EPIC_KAFKA_BROKERS).toEqual(['127.0.0.1:19092', '127.0.0.1:19093']);
    expect(config).toMatchObject({
      EPIC_TOPIC_PREFIX: '',
      EPIC_HTTP_PORT: 8080,
      EPIC_INGEST_LEASE_SECONDS: 15,
      EPIC_INGEST_RESYNC_SECONDS: 300,
    });
  });

  it('names every bad key at once', () => {
    expect(() =>
      loadIngestConfig({ EPIC_REDIS_URL: 'not a url', EPIC_HTTP_PORT: '70000' }),
    ).toThrow(/EPIC_KAFKA_BROKERS: .*; EPIC_REDIS_URL: .*; EPIC_HTTP_PORT: /);
  });
});
