// The same objects in any order give the same resources, byte for byte: lists from the API
// (and maps read into them) arrive in no particular order, and the original's output followed
// Go map order. Every golden input is replayed with its lists shuffled.
import { seededPrng, type Prng } from '@epic/allocation/testdata';
import { describe, expect, it } from 'vitest';
import { canonicalJson, type JsonValue } from './json.js';
import { splitByXdsType } from './xds-split.js';
import { goldenCases, readGoldenInput, renderGolden, type GoldenInput } from './testdata/golden.js';

function shuffled<T>(items: readonly T[], prng: Prng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = prng.below(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Shuffles every list whose order carries no meaning (Gateway listeners' order does). */
function shuffleInput(input: GoldenInput, prng: Prng): GoldenInput {
  return {
    ...input,
    remoteEndpoints: shuffled(input.remoteEndpoints, prng),
    routes: shuffled(input.routes, prng),
    slices: shuffled(input.slices, prng).map((slice) => ({
      ...slice,
      spec: {
        ...slice.spec,
        endpoints: shuffled(slice.spec.endpoints, prng).map((e) => ({
          ...e,
          addresses: shuffled(e.addresses, prng),
        })),
      },
    })),
  };
}

function fingerprint(input: GoldenInput): string {
  const result = renderGolden(input);
  const snapshot = splitByXdsType(result.resources);
  return canonicalJson({
    result,
    hashes: Object.values(snapshot.types).map((t) => t.hash),
  } as unknown as JsonValue);
}

describe.each(goldenCases())('%s', (name) => {
  it('renders the same whatever order its lists arrive in (20 seeded shuffles)', () => {
    const input = readGoldenInput(name);
    const expected = fingerprint(input);
    for (let seed = 1; seed <= 20; seed++) {
      expect(fingerprint(shuffleInput(input, seededPrng(seed))), `seed ${seed}`).toBe(expected);
    }
  });
});
