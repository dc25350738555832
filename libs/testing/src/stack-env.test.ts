import { describe, expect, it } from 'vitest';
import { parseStackEnv } from './stack-env.js';

describe('parseStackEnv', () => {
  const text = [
    "export KUBECONFIG='/r/.stack/kubeconfig'",
    `export PATH='/r/.stack/bin':"$PATH"`,
    "export EPIC_KAFKA_BROKERS='127.0.0.1:19092'",
    "export EPIC_REDIS_URL='redis://127.0.0.1:16379'",
    '# a comment',
    '',
  ].join('\n');

  it.each([
    ['KUBECONFIG', '/r/.stack/kubeconfig'],
    ['PATH', '/r/.stack/bin:/usr/bin'],
    ['EPIC_KAFKA_BROKERS', '127.0.0.1:19092'],
    ['EPIC_REDIS_URL', 'redis://127.0.0.1:16379'],
  ])('%s', (name, value) => {
    expect(parseStackEnv(text, '/usr/bin')[name]).toBe(value);
  });

  it('ignores anything that is not an export', () => {
    expect(Object.keys(parseStackEnv(text, ''))).toHaveLength(4);
  });
});
