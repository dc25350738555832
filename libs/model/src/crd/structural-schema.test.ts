import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { freeForm, IntOrString, Uint32 } from '../common.js';
import { toStructuralSchema } from './structural-schema.js';

const props = (schema: z.ZodType) =>
  toStructuralSchema(schema).properties as Record<string, unknown>;

describe('toStructuralSchema fix-ups', () => {
  it('drops additionalProperties:false and keeps properties', () => {
    const schema = toStructuralSchema(z.strictObject({ a: z.string() }));
    expect(schema).toEqual({
      properties: { a: { type: 'string' } },
      required: ['a'],
      type: 'object',
    });
  });

  it('turns a record into additionalProperties without propertyNames', () => {
    const { m } = props(z.object({ m: z.record(z.string().min(1), z.int().min(0).max(10)) }));
    expect(m).toEqual({
      additionalProperties: { format: 'int32', maximum: 10, minimum: 0, type: 'integer' },
      type: 'object',
    });
  });

  it('marks int-or-string and removes the union', () => {
    expect(props(z.object({ p: IntOrString })).p).toEqual({ 'x-kubernetes-int-or-string': true });
  });

  it('makes free-form objects preserve unknown fields', () => {
    expect(props(z.object({ f: freeForm('anything') })).f).toEqual({
      description: 'anything',
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
    });
    expect(props(z.object({ l: z.looseObject({ a: z.string() }) })).l).toEqual({
      properties: { a: { type: 'string' } },
      required: ['a'],
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
    });
  });

  it('gives integers a format: uint32 int64 with bounds, safe integers unbounded int64', () => {
    const p = props(z.object({ u: Uint32, i: z.int(), s: z.int().min(0).max(65535) }));
    expect(p.u).toEqual({ format: 'int64', maximum: 4294967295, minimum: 0, type: 'integer' });
    expect(p.i).toEqual({ format: 'int64', type: 'integer' });
    expect(p.s).toEqual({ format: 'int32', maximum: 65535, minimum: 0, type: 'integer' });
  });

  it('turns const into enum and keeps descriptions and defaults', () => {
    const p = props(
      z.object({ c: z.literal('x'), d: z.string().default('y').meta({ description: 'dd' }) }),
    );
    expect(p.c).toEqual({ enum: ['x'], type: 'string' });
    expect(p.d).toEqual({ default: 'y', description: 'dd', type: 'string' });
  });

  it('inlines a reused schema with an id instead of emitting $ref/$defs', () => {
    const Shared = z.object({ a: z.string() }).meta({ id: 'Shared' });
    const schema = toStructuralSchema(z.object({ x: Shared, y: Shared }));
    expect(JSON.stringify(schema)).not.toMatch(/\$ref|\$defs/);
    expect((schema.properties as Record<string, unknown>).y).toEqual({
      properties: { a: { type: 'string' } },
      required: ['a'],
      type: 'object',
    });
  });

  it('turns nullable into nullable: true with a type', () => {
    expect(props(z.object({ n: z.string().nullable() })).n).toEqual({
      nullable: true,
      type: 'string',
    });
  });

  it('keeps x-kubernetes-validations', () => {
    const rule = { rule: 'self.size() > 0', message: 'empty' };
    const { s } = props(z.object({ s: z.string().meta({ 'x-kubernetes-validations': [rule] }) }));
    expect(s).toEqual({ type: 'string', 'x-kubernetes-validations': [rule] });
  });

  it('drops the JS pattern zod adds to date-time', () => {
    expect(props(z.object({ t: z.iso.datetime() })).t).toEqual({
      format: 'date-time',
      type: 'string',
    });
  });

  it.each([
    [
      'a union of objects',
      z.object({ u: z.union([z.object({ a: z.string() }), z.object({ b: z.string() })]) }),
      /u: a union/,
    ],
    ['an unmarked int|string union', z.object({ p: z.union([z.int(), z.string()]) }), /p: a union/],
    ['a tuple', z.object({ t: z.tuple([z.string(), z.int()]) }), /t\.\[\]: a union/],
  ])('refuses %s with the path', (_name, schema, message) => {
    expect(() => toStructuralSchema(schema)).toThrow(message);
  });
});
