import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { epicKinds } from '../index.js';
import { crdFor, crdSchema } from './crd-for.js';
import { structuralViolations } from './structural-check.js';
import { isSchemaNode, type SchemaNode } from './schema-node.js';

function* walk(node: SchemaNode, path: string): Generator<[SchemaNode, string]> {
  yield [node, path];
  if (isSchemaNode(node.properties)) {
    for (const [name, child] of Object.entries(node.properties)) {
      if (isSchemaNode(child)) yield* walk(child, `${path}.${name}`);
    }
  }
  if (isSchemaNode(node.items)) yield* walk(node.items, `${path}[]`);
  if (isSchemaNode(node.additionalProperties)) yield* walk(node.additionalProperties, `${path}.*`);
}

const forbidden = [
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  '$ref',
  '$defs',
  'definitions',
  '$schema',
  'propertyNames',
  'patternProperties',
  'const',
];

describe.each(epicKinds.map((k) => [k.kind, k] as const))('%s CRD schema', (_name, kind) => {
  const schema = crdSchema(kind);

  it('is structural (shared checker)', () => {
    expect(structuralViolations(schema)).toEqual([]);
  });

  it('has a type or an allowed marker on every node, and no forbidden keyword', () => {
    for (const [node, path] of walk(schema, kind.kind)) {
      const marked =
        node['x-kubernetes-int-or-string'] === true ||
        node['x-kubernetes-preserve-unknown-fields'] === true;
      expect(typeof node.type === 'string' || marked, `${path} has no type`).toBe(true);
      for (const key of forbidden) expect(key in node, `${path} has ${key}`).toBe(false);
      expect(node.additionalProperties, `${path} additionalProperties:false`).not.toBe(false);
      if (node.nullable === true)
        expect(typeof node.type, `${path} nullable without type`).toBe('string');
      if (isSchemaNode(node.properties)) expect(node.additionalProperties, path).toBeUndefined();
    }
  });

  it('leaves metadata to the apiserver and requires spec', () => {
    expect((schema.properties as SchemaNode).metadata).toEqual({ type: 'object' });
    expect(schema.required).toEqual(['spec']);
  });

  it('is a namespaced v1 CRD with a status subresource in the epic category', () => {
    const crd = crdFor(kind);
    expect(crd.metadata.name).toBe(`${kind.plural}.epic.acnodal.io`);
    expect(crd.spec.scope).toBe('Namespaced');
    expect(crd.spec.names.categories).toEqual(['epic']);
    const [version] = crd.spec.versions;
    expect(version).toMatchObject({
      name: 'v1',
      served: true,
      storage: true,
      subresources: { status: {} },
    });
    expect(version?.additionalPrinterColumns.at(-1)?.name).toBe('Age');
  });
});

describe('structuralViolations', () => {
  it.each<[string, unknown, RegExp]>([
    ['missing type', { properties: { a: {} } }, /<root>: type is missing/],
    [
      'additionalProperties false',
      { type: 'object', additionalProperties: false },
      /additionalProperties must be a schema/,
    ],
    [
      'properties with additionalProperties',
      {
        type: 'object',
        properties: { a: { type: 'string' } },
        additionalProperties: { type: 'string' },
      },
      /together/,
    ],
    ['anyOf', { type: 'object', anyOf: [{ type: 'string' }] }, /anyOf is not allowed/],
    [
      '$ref',
      { type: 'object', properties: { a: { $ref: '#/x', type: 'string' } } },
      /<root>\.a: \$ref/,
    ],
    [
      'nullable without type',
      { nullable: true, 'x-kubernetes-preserve-unknown-fields': true },
      /nullable without type/,
    ],
    ['array without items', { type: 'array' }, /array without items/],
    [
      'list-map key not required',
      {
        type: 'array',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['k'],
        items: { type: 'object', properties: { k: { type: 'string' } } },
      },
      /must be required/,
    ],
  ])('reports %s', (_name, schema, message) => {
    expect(structuralViolations(schema).join('\n')).toMatch(message);
  });

  it('accepts int-or-string and preserve-unknown-fields nodes without type', () => {
    expect(
      structuralViolations({
        type: 'object',
        properties: {
          a: { 'x-kubernetes-int-or-string': true },
          b: { 'x-kubernetes-preserve-unknown-fields': true },
        },
      }),
    ).toEqual([]);
  });

  it('catches a non-structural kind before it is rendered', () => {
    const bad = {
      ...epicKinds[0]!,
      schema: { spec: z.object({ a: z.union([z.string(), z.boolean()]) }), status: z.object({}) },
    };
    expect(() => crdFor(bad)).toThrow(/union/);
  });
});
