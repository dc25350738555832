import { describe, expect, it } from 'vitest';
import { ConfigError } from '@epic/worker-runtime';
import { loadXdsConfig } from './config.js';

describe('loadXdsConfig', () => {
  it('defaults: every namespace, port 18000', () => {
    const config = loadXdsConfig({});
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 18000,
      concurrency: 16,
      namespaces: undefined,
    });
    expect(config.inScope('epic-anyone')).toBe(true);
  });

  it('scopes to the listed namespaces', () => {
    const config = loadXdsConfig({ EPIC_XDS_NAMESPACES: ' epic-a, epic-b ,', EPIC_XDS_PORT: '0' });
    expect(config.namespaces).toEqual(['epic-a', 'epic-b']);
    expect([config.inScope('epic-a'), config.inScope('epic-c')]).toEqual([true, false]);
    expect(config.port).toBe(0);
  });

  it('names every bad key', () => {
    expect(() => loadXdsConfig({ EPIC_XDS_PORT: '70000', EPIC_XDS_CONCURRENCY: '0' })).toThrow(
      ConfigError,
    );
    expect(() => loadXdsConfig({ EPIC_XDS_PORT: '70000', EPIC_XDS_CONCURRENCY: '0' })).toThrow(
      /EPIC_XDS_PORT.*EPIC_XDS_CONCURRENCY/,
    );
  });
});
