// id-allocator's settings: defaults, limits, and the namespaces a replica serves.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@epic/worker-runtime';
import { loadAllocatorConfig } from './config.js';

describe('loadAllocatorConfig', () => {
  it.each([
    [{}, 32, { enabled: true, maxBatch: 64 }],
    [{ EPIC_ID_CONCURRENCY: '8', EPIC_ID_MAX_BATCH: '16' }, 8, { enabled: true, maxBatch: 16 }],
    [{ EPIC_ID_BATCHING: 'false' }, 32, { enabled: false, maxBatch: 64 }],
  ])('%j: concurrency %d, batching %j', (env, concurrency, batching) => {
    expect(loadAllocatorConfig(env)).toMatchObject({ concurrency, batching });
  });

  it.each([
    ['', 'epic-anyone', true],
    [' epic-a, epic-b ,', 'epic-b', true],
    [' epic-a, epic-b ,', 'epic-c', false],
  ])('EPIC_ID_NAMESPACES %j serves %s: %s', (namespaces, namespace, served) => {
    expect(loadAllocatorConfig({ EPIC_ID_NAMESPACES: namespaces }).inScope(namespace)).toBe(served);
  });

  it('names every bad key at once', () => {
    const load = () => loadAllocatorConfig({ EPIC_ID_CONCURRENCY: '0', EPIC_ID_BATCHING: 'yes' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/EPIC_ID_CONCURRENCY: .*; EPIC_ID_BATCHING: /);
  });
});
