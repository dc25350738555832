import { describe, expect, it } from 'vitest';
import { applyPatch, diffPatch, pointerToken, type JsonPatchOp } from './json-patch.js';

type Doc = Record<string, unknown>;

describe('diffPatch', () => {
  it.each<{ name: string; before: Doc; after: Doc; ops: JsonPatchOp[] }>([
    { name: 'equal documents', before: { a: 1 }, after: { a: 1 }, ops: [] },
    {
      name: 'labels added to an object without labels (key with /)',
      before: { metadata: { name: 'x' } },
      after: {
        metadata: { name: 'x', labels: { 'epic.acnodal.io/owning-lbservicegroup': 'web' } },
      },
      ops: [
        {
          op: 'add',
          path: '/metadata/labels',
          value: { 'epic.acnodal.io/owning-lbservicegroup': 'web' },
        },
      ],
    },
    {
      name: 'one label added beside others',
      before: { metadata: { labels: { a: '1' } } },
      after: { metadata: { labels: { a: '1', 'x/y': '2' } } },
      ops: [{ op: 'add', path: '/metadata/labels/x~1y', value: '2' }],
    },
    {
      name: 'an array that differs is replaced whole',
      before: { metadata: { finalizers: ['a'] } },
      after: { metadata: { finalizers: ['a', 'b'] } },
      ops: [{ op: 'replace', path: '/metadata/finalizers', value: ['a', 'b'] }],
    },
    {
      name: 'a scalar changes, a key goes',
      before: { spec: { n: 0, gone: true } },
      after: { spec: { n: 2 } },
      ops: [
        { op: 'remove', path: '/spec/gone' },
        { op: 'replace', path: '/spec/n', value: 2 },
      ],
    },
    {
      name: 'undefined counts as absent',
      before: { spec: { a: 1 } },
      after: { spec: { a: 1, b: undefined } },
      ops: [],
    },
  ])('$name', ({ before, after, ops }) => {
    expect(diffPatch(before, after)).toEqual(ops);
    expect(applyPatch(before, ops)).toEqual(JSON.parse(JSON.stringify(after)));
  });

  it.each([
    ['plain', 'plain'],
    ['a/b', 'a~1b'],
    ['a~b', 'a~0b'],
    ['~/', '~0~1'],
  ])('pointer token of %s is %s', (key, token) => {
    expect(pointerToken(key)).toBe(token);
  });
});
