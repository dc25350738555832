import { describe, expect, it } from 'vitest';
import { LoadBalancerSpec } from '@epic/model';
import { tunnelKeyFromBytes } from './tunnel-key.js';

describe('tunnelKeyFromBytes', () => {
  it.each([
    [new Uint8Array(16), 'AAAAAAAAAAAAAAAAAAAAAA=='],
    [new Uint8Array(16).fill(255), '/////////////////////w=='],
    [Uint8Array.from({ length: 16 }, (_, i) => i * 16), 'ABAgMEBQYHCAkKCwwNDg8A=='],
  ])('encodes 128 bits the CRD accepts', (bytes, key) => {
    expect(tunnelKeyFromBytes(bytes)).toBe(key);
    expect(LoadBalancerSpec.safeParse({ 'service-group': 'web', 'tunnel-key': key }).success).toBe(
      true,
    );
  });

  it.each([0, 15, 17, 32])('refuses %i bytes', (length) => {
    expect(() => tunnelKeyFromBytes(new Uint8Array(length))).toThrow(/needs 16 random bytes/);
  });
});
