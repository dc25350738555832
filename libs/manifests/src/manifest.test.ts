import { describe, expect, it } from 'vitest';
import { apiGroupOf, findObject, ofKind, parseManifests, refOf } from './manifest.js';

const stream = `
apiVersion: v1
kind: ServiceAccount
metadata: { name: ingest, namespace: epic }
---
# a comment-only document is skipped
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: epic-ingest }
rules: []
`;

describe('parseManifests', () => {
  it('keeps every non-empty document, with the fields it does not check', () => {
    const objects = parseManifests(stream);
    expect(objects.map(refOf)).toEqual(['ServiceAccount epic/ingest', 'ClusterRole epic-ingest']);
    expect(objects[1]?.rules).toEqual([]);
  });

  it.each([
    ['broken YAML', 'kind: [', /document 1 is not valid YAML/],
    ['no kind', 'apiVersion: v1\nmetadata: { name: x }', /document 1 is not a Kubernetes object/],
    ['no name', 'apiVersion: v1\nkind: Pod\nmetadata: {}', /document 1 is not a Kubernetes object/],
  ])('names the document that is not an object: %s', (_, text, message) => {
    expect(() => parseManifests(text)).toThrow(message);
  });
});

describe('lookups', () => {
  const objects = parseManifests(stream);

  it.each([
    ['v1', ''],
    ['apps/v1', 'apps'],
    ['rbac.authorization.k8s.io/v1', 'rbac.authorization.k8s.io'],
  ])('apiGroupOf(%s) = "%s"', (apiVersion, group) => {
    expect(apiGroupOf({ apiVersion, kind: 'X', metadata: { name: 'x' } })).toBe(group);
  });

  it('filters by kind and finds exactly one by kind and name', () => {
    expect(ofKind(objects, 'ClusterRole', 'Role').map(refOf)).toEqual(['ClusterRole epic-ingest']);
    expect(findObject(objects, 'ServiceAccount', 'ingest').metadata.namespace).toBe('epic');
    expect(() => findObject(objects, 'ServiceAccount', 'nobody')).toThrow(
      'expected one ServiceAccount named nobody, found 0',
    );
  });
});
