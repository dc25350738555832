import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, programJobId } from './table-hash.js';

describe('canonicalJson and contentHash', () => {
  it('do not depend on key order or on undefined members', () => {
    const a = { b: 1, a: [{ y: 2, x: undefined, z: null }] };
    const b = { a: [{ z: null, y: 2 }], b: 1 };
    expect(canonicalJson(a)).toBe('{"a":[{"y":2,"z":null}],"b":1}');
    expect(contentHash(a)).toBe(contentHash(b));
  });

  it('keep array order (tables sort their rows themselves)', () => {
    expect(contentHash([1, 2])).not.toBe(contentHash([2, 1]));
  });

  it('is 16 hex digits and stable across runs', () => {
    expect(contentHash({ node: 'epic-1' })).toBe('2600f7295895dd39');
  });
});

describe('programJobId', () => {
  it('joins node and hash with a character BullMQ and node names both allow', () => {
    expect(programJobId('epic-1', '4c2ea1f66a26a0a3')).toBe('epic-1_4c2ea1f66a26a0a3');
    expect(programJobId('worker.rack-3.example.com', '00')).not.toMatch(/:|^\d+$/);
  });

  it.each([
    ['', 'ab', /not a DNS subdomain/],
    ['Epic_1', 'ab', /not a DNS subdomain/],
    ['epic-1', 'xyz', /not hex/],
  ])('refuses node %j with hash %j', (node, hash, error) => {
    expect(() => programJobId(node, hash)).toThrow(error);
  });
});
