import { describe, expect, it } from 'vitest';
import { canonicalJson } from './json.js';
import { renderGoldenCase } from './testdata/golden.js';
import { changedXdsTypes, contentHash, splitByXdsType, xdsTypeUrls } from './xds-split.js';

describe('splitByXdsType', () => {
  it('an endpoint added and one removed change only EDS', () => {
    const before = renderGoldenCase('endpoints-before').snapshot;
    const after = renderGoldenCase('endpoints-after').snapshot;
    expect(changedXdsTypes(before, after)).toEqual(['EDS']);
    expect(after.types.LDS.resources).toEqual(before.types.LDS.resources);
  });

  it('a first snapshot changes every type, and an identical one none', () => {
    const { snapshot } = renderGoldenCase('gwproxy-http-routes');
    expect(changedXdsTypes(undefined, snapshot)).toEqual(['CDS', 'EDS', 'LDS', 'RDS']);
    expect(changedXdsTypes(snapshot, renderGoldenCase('gwproxy-http-routes').snapshot)).toEqual([]);
  });

  it('puts each resource kind under its type URL, for the node', () => {
    const { result, snapshot } = renderGoldenCase('lb-tcp-two-ports');
    expect(snapshot.nodeId).toBe('epic-root.sample-web-3f2a9c0d1e4b5a6f');
    expect(snapshot.types.LDS).toMatchObject({
      typeUrl: xdsTypeUrls.LDS,
      resources: result.resources.listeners,
    });
    expect(snapshot.types.EDS.resources.map((r) => r.name)).toEqual(
      snapshot.types.CDS.resources.map((r) => r.name),
    );
    expect(snapshot.types.RDS.resources).toEqual([]);
  });

  it('hashes content, not key order', () => {
    expect(contentHash({ a: 1, b: [{ c: 2, d: 3 }] })).toBe(
      contentHash({ b: [{ d: 3, c: 2 }], a: 1 }),
    );
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
    expect(contentHash({ a: 1 })).toMatch(/^[0-9a-f]{16}$/);
    expect(canonicalJson({ b: 1, a: 'x"y' })).toBe('{"a":"x\\"y","b":1}');
  });

  it('the empty route list of a LoadBalancer has a stable hash', () => {
    const empty = splitByXdsType({
      nodeId: 'n',
      listeners: [],
      routes: [],
      clusters: [],
      endpoints: [],
    });
    expect(empty.types.RDS.hash).toBe(renderGoldenCase('lb-tcp-two-ports').snapshot.types.RDS.hash);
  });
});
