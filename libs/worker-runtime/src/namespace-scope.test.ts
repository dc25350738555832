import { describe, expect, it } from 'vitest';
import { namespaceScope } from './namespace-scope.js';

describe('namespaceScope', () => {
  it.each([
    { namespaces: [], namespace: 'epic-anyone', served: true },
    { namespaces: ['epic-a', 'epic-b'], namespace: 'epic-a', served: true },
    { namespaces: ['epic-a', 'epic-b'], namespace: 'epic-b', served: true },
    { namespaces: ['epic-a', 'epic-b'], namespace: 'epic-c', served: false },
    { namespaces: ['epic-a'], namespace: '', served: false },
  ])('$namespaces serves $namespace: $served', ({ namespaces, namespace, served }) => {
    expect(namespaceScope(namespaces)(namespace)).toBe(served);
  });
});
