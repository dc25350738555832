import { describe, expect, it } from 'vitest';
import { formatFieldPath } from './field-path.js';

describe('formatFieldPath', () => {
  it.each([
    [[], ''],
    [['spec'], 'spec'],
    [['spec', 'public-ports', 0, 'port'], 'spec.public-ports[0].port'],
    [
      ['status', 'gue-tunnel-endpoints', '192.168.1.16', 'tunnel-id'],
      'status.gue-tunnel-endpoints.192.168.1.16.tunnel-id',
    ],
    [['spec', 'rules', 1, 'matches', 0], 'spec.rules[1].matches[0]'],
  ] as Array<[PropertyKey[], string]>)('%j -> %s', (path, expected) => {
    expect(formatFieldPath(path)).toBe(expected);
  });
});
