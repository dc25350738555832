import { describe, expect, it } from 'vitest';
import {
  afterDeltaSend,
  deltaDiff,
  deltaPending,
  onDeltaRequest,
  type DeltaRequest,
} from './delta-state.js';
import type { EncodedResource, TypeSnapshot } from './snapshot.js';

function resource(name: string, hash: string): EncodedResource {
  return { name, hash, any: { type_url: 't', value: new Uint8Array() } };
}

function typeSnapshot(entries: [string, string][], byNameOnly: string[] = []): TypeSnapshot {
  const resources = new Map(entries.map(([n, h]) => [n, resource(n, h)]));
  return {
    typeUrl: 't',
    version: '1',
    hash: 'h',
    resources,
    wildcard: [...resources.keys()].filter((n) => !byNameOnly.includes(n)),
  };
}

const request = (r: Partial<DeltaRequest>): DeltaRequest => ({
  type: 'CDS',
  subscribe: [],
  unsubscribe: [],
  initialVersions: {},
  nonce: '',
  ...r,
});

describe('delta subscriptions', () => {
  it.each<[string, Partial<DeltaRequest>, boolean, string[]]>([
    ['an empty first request is a wildcard', {}, true, []],
    ['names in the first request are not', { subscribe: ['a'] }, false, ['a']],
    ['"*" with names is both', { subscribe: ['*', 'a'] }, true, ['a']],
  ])('%s', (_, r, wildcard, names) => {
    const { state } = onDeltaRequest(undefined, request(r));
    expect(state.wildcard).toBe(wildcard);
    expect([...state.names]).toEqual(names);
  });

  it('takes initial versions as what the client has', () => {
    const { state } = onDeltaRequest(undefined, request({ initialVersions: { a: 'h1' } }));
    expect(
      deltaDiff(
        state,
        typeSnapshot([
          ['a', 'h1'],
          ['b', 'h2'],
        ]),
      ),
    ).toMatchObject({
      resources: [{ name: 'b' }],
      removed: [],
    });
  });

  it('applies subscription changes even with a stale nonce, but only ACKs the last nonce', () => {
    const first = onDeltaRequest(undefined, request({ subscribe: ['a'] })).state;
    const out = afterDeltaSend(first, {
      diff: { resources: [resource('a', 'h1')], removed: [] },
      version: '1',
      nonce: '4',
    });
    const stale = onDeltaRequest(out, request({ nonce: '3', subscribe: ['b'] }));
    expect(stale.verdict.kind).toBe('stale');
    expect(stale.state.awaiting).toBe('4');
    expect([...stale.state.names]).toEqual(['a', 'b']);
    const ack = onDeltaRequest(stale.state, request({ nonce: '4' }));
    expect(ack.verdict).toEqual({ kind: 'ack', version: '1' });
    expect(ack.state.awaiting).toBeUndefined();
  });
});

describe('deltaDiff', () => {
  const base = onDeltaRequest(undefined, request({})).state;
  interface Row {
    known: [string, string][];
    now: [string, string][];
    sent: string[];
    removed: string[];
  }
  it.each<[string, Row]>([
    [
      'all new',
      {
        known: [],
        now: [
          ['a', '1'],
          ['b', '1'],
        ],
        sent: ['a', 'b'],
        removed: [],
      },
    ],
    [
      'one changed',
      {
        known: [
          ['a', '1'],
          ['b', '1'],
        ],
        now: [
          ['a', '1'],
          ['b', '2'],
        ],
        sent: ['b'],
        removed: [],
      },
    ],
    [
      'one gone',
      {
        known: [
          ['a', '1'],
          ['b', '1'],
        ],
        now: [['a', '1']],
        sent: [],
        removed: ['b'],
      },
    ],
    ['nothing', { known: [['a', '1']], now: [['a', '1']], sent: [], removed: [] }],
  ])('%s', (_, row) => {
    const state = { ...base, known: new Map(row.known), answered: true };
    const diff = deltaDiff(state, typeSnapshot(row.now));
    expect(diff.resources.map((r) => r.name)).toEqual(row.sent);
    expect(diff.removed).toEqual(row.removed);
  });

  it('serves by-name-only resources to explicit subscriptions even under a wildcard', () => {
    const type = typeSnapshot(
      [
        ['api', '1'],
        ['l', '1'],
      ],
      ['api'],
    );
    expect(deltaDiff(base, type).resources.map((r) => r.name)).toEqual(['l']);
    const named = onDeltaRequest(base, request({ subscribe: ['api'] })).state;
    expect(deltaDiff(named, type).resources.map((r) => r.name)).toEqual(['api', 'l']);
  });

  it('is pending for the first response even when empty, then only for differences', () => {
    const empty = typeSnapshot([]);
    expect(deltaPending(base, empty)).toBe(true);
    const after = afterDeltaSend(base, {
      diff: { resources: [], removed: [] },
      version: '1',
      nonce: '1',
    });
    expect(deltaPending(after, empty)).toBe(false);
    expect(deltaPending(after, typeSnapshot([['a', '1']]))).toBe(true);
  });
});
