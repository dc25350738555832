import { describe, expect, it } from 'vitest';
import { splitByXdsType, type EnvoyResources } from '@epic/envoy-render';
import { changedTypes, encodeTypes, stampSnapshot, type Encoder } from './snapshot.js';

function resources(endpoint: string, extraListener = false): EnvoyResources {
  const cla = (name: string) => ({
    name,
    resource: { cluster_name: name, endpoints: [{ address: endpoint }] },
  });
  return {
    nodeId: 'ns.p',
    listeners: [
      { name: 'l1', resource: { name: 'l1' } },
      ...(extraListener ? [{ name: 'api', resource: { name: 'api' } }] : []),
    ],
    routes: [],
    clusters: [
      { name: 'c1', resource: { name: 'c1' } },
      { name: 'c2', resource: { name: 'c2' } },
    ],
    endpoints: [cla('c1'), { name: 'c2', resource: { cluster_name: 'c2' } }],
  };
}

/** An encoder that counts its calls (the real one is envoy-render's strict encoder). */
function countingEncoder() {
  const calls: string[] = [];
  const encode: Encoder = (_typeUrl, json) => {
    calls.push(JSON.stringify(json));
    return new TextEncoder().encode(JSON.stringify(json));
  };
  return { calls, encode };
}

const proxy = { kind: 'LoadBalancer', namespace: 'ns', name: 'p' } as const;

function build(
  res: EnvoyResources,
  previous: ReturnType<typeof stampSnapshot> | undefined,
  encode: Encoder,
  version: number,
) {
  const next = splitByXdsType(res);
  const types = changedTypes(previous, next);
  const encoded = encodeTypes({ previous, next, types, byNameOnly: new Set(['api']), encode });
  return { types, snapshot: stampSnapshot({ previous, nodeId: 'ns.p', proxy, encoded, version }) };
}

describe('snapshots', () => {
  it('a first snapshot has every type at its version; wildcard sets leave by-name-only listeners out', () => {
    const { encode } = countingEncoder();
    const { types, snapshot } = build(resources('10.0.0.1', true), undefined, encode, 7);
    expect(types).toEqual(['CDS', 'EDS', 'LDS', 'RDS']);
    expect(Object.values(snapshot.types).map((t) => t.version)).toEqual(['7', '7', '7', '7']);
    expect(snapshot.types.LDS.wildcard).toEqual(['l1']);
    expect([...snapshot.types.LDS.resources.keys()]).toEqual(['l1', 'api']);
  });

  it('an endpoint change moves EDS only, and re-encodes only the resource that changed', () => {
    const { calls, encode } = countingEncoder();
    const first = build(resources('10.0.0.1'), undefined, encode, 1).snapshot;
    calls.length = 0;
    const { types, snapshot } = build(resources('10.0.0.2'), first, encode, 2);
    expect(types).toEqual(['EDS']);
    expect(calls).toHaveLength(1);
    expect(snapshot.types.EDS.version).toBe('2');
    expect(snapshot.types.CDS).toBe(first.types.CDS);
    expect(snapshot.types.EDS.resources.get('c2')?.any).toBe(
      first.types.EDS.resources.get('c2')?.any,
    );
  });
});
