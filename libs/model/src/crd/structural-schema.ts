// zod -> structural OpenAPI v3 schema for a CRD. zod's JSON Schema output (openapi-3.0, input
// side, so defaulted fields are optional) is close; these fix-ups make it what the apiserver
// accepts: refs inlined, int-or-string and free-form markers, no additionalProperties:false,
// no unions, integer formats, sorted keys. Anything that cannot be made structural throws
// with the path, so a bad schema fails generation instead of reaching the apiserver.
import { z } from 'zod';
import {
  allowedSchemaKeys,
  isSchemaNode,
  omitKeys,
  sortedKeys,
  type SchemaNode,
} from './schema-node.js';

interface Context {
  root: SchemaNode;
  path: string;
}

const int32Min = -2147483648;
const int32Max = 2147483647;

/** Keys zod may emit that carry nothing for a CRD and are dropped. */
const droppedKeys = new Set([
  '$schema',
  '$id',
  'id',
  'title',
  'examples',
  '$comment',
  '$defs',
  'definitions',
  'propertyNames',
]);
const unsupportedKeys = [
  'not',
  'patternProperties',
  'dependencies',
  'if',
  'then',
  'else',
  'prefixItems',
  'additionalItems',
];

function fail(ctx: Context, message: string): never {
  throw new Error(`${ctx.path || '<root>'}: ${message}`);
}

function child(ctx: Context, segment: string): Context {
  return { root: ctx.root, path: ctx.path ? `${ctx.path}.${segment}` : segment };
}

function resolvePointer(ctx: Context, ref: string): SchemaNode {
  if (!ref.startsWith('#/')) fail(ctx, `cannot inline external $ref ${ref}`);
  let target: unknown = ctx.root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    target = isSchemaNode(target) ? target[key] : undefined;
  }
  if (!isSchemaNode(target)) fail(ctx, `$ref ${ref} does not resolve`);
  return target;
}

function inlineRef(node: SchemaNode, ctx: Context): SchemaNode {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  return inlineRef({ ...resolvePointer(ctx, ref), ...omitKeys(node, '$ref') }, ctx);
}

function collapseAllOf(node: SchemaNode, ctx: Context): SchemaNode {
  const parts = node.allOf;
  if (!Array.isArray(parts)) return node;
  const rest = omitKeys(node, 'allOf');
  if (parts.length !== 1 || !isSchemaNode(parts[0])) fail(ctx, 'allOf cannot be made structural');
  return { ...inlineRef(parts[0], ctx), ...rest };
}

function branchType(branch: unknown, ctx: Context): unknown {
  return isSchemaNode(branch) ? inlineRef(branch, ctx).type : undefined;
}

function collapseUnion(node: SchemaNode, ctx: Context): SchemaNode {
  const branches = node.anyOf ?? node.oneOf;
  if (!Array.isArray(branches)) return node;
  const rest = omitKeys(node, 'anyOf', 'oneOf');
  // Only on request (IntOrString in common.ts): a bare int|string union, e.g. from a tuple,
  // would validate more loosely in the CRD than in zod.
  if (node['x-kubernetes-int-or-string'] === true) {
    return { ...rest, 'x-kubernetes-int-or-string': true };
  }
  const nonNull = branches.filter((b) => branchType(b, ctx) !== 'null');
  if (nonNull.length === 1 && isSchemaNode(nonNull[0])) {
    return { ...rest, ...inlineRef(nonNull[0], ctx), nullable: true };
  }
  return fail(
    ctx,
    'a union (anyOf/oneOf) is not structural: use one object with optional fields, or IntOrString',
  );
}

function constToEnum(node: SchemaNode): SchemaNode {
  if (!('const' in node)) return node;
  const { const: value, ...rest } = node;
  const type = rest.type ?? (typeof value === 'number' ? 'number' : typeof value);
  return { ...rest, type, enum: [value] };
}

function typeArrayToNullable(node: SchemaNode, ctx: Context): SchemaNode {
  if (!Array.isArray(node.type)) return node;
  const types = node.type.filter((t) => t !== 'null');
  if (types.length !== 1)
    fail(ctx, `a value of several types (${node.type.join(', ')}) is not structural`);
  return {
    ...node,
    type: types[0],
    ...(types.length < node.type.length ? { nullable: true } : {}),
  };
}

function checkKeys(node: SchemaNode, ctx: Context): void {
  for (const key of unsupportedKeys)
    if (key in node) fail(ctx, `${key} is not supported in a CRD schema`);
  if (node.uniqueItems === true)
    fail(ctx, 'uniqueItems is forbidden; use x-kubernetes-list-type: set');
  for (const key of Object.keys(node)) {
    if (!allowedSchemaKeys.has(key) && !droppedKeys.has(key) && key !== 'uniqueItems') {
      fail(ctx, `unknown schema keyword ${key}`);
    }
  }
}

function normalizeProperties(node: SchemaNode, ctx: Context): SchemaNode {
  if (!isSchemaNode(node.properties)) return node;
  const properties = Object.fromEntries(
    Object.entries(node.properties)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, schema]) => [name, normalizeNode(schema, child(ctx, name))]),
  );
  const required = Array.isArray(node.required) ? [...(node.required as string[])].sort() : [];
  return {
    ...omitKeys(node, 'required'),
    properties,
    ...(required.length > 0 ? { required } : {}),
  };
}

function normalizeAdditionalProperties(node: SchemaNode, ctx: Context): SchemaNode {
  const { additionalProperties: extra, ...rest } = node;
  if (extra === undefined || extra === false) return rest;
  const freeForm = extra === true || (isSchemaNode(extra) && Object.keys(extra).length === 0);
  if (freeForm || rest['x-kubernetes-preserve-unknown-fields'] === true) {
    return { ...rest, 'x-kubernetes-preserve-unknown-fields': true };
  }
  if (isSchemaNode(rest.properties))
    fail(ctx, 'properties and a schema for additionalProperties cannot be combined');
  return { ...rest, additionalProperties: normalizeNode(extra, child(ctx, '*')) };
}

function normalizeItems(node: SchemaNode, ctx: Context): SchemaNode {
  if (node.type !== 'array') return node;
  if (!isSchemaNode(node.items)) fail(ctx, 'an array needs a single items schema');
  return { ...node, items: normalizeNode(node.items, child(ctx, '[]')) };
}

function integerFormat(node: SchemaNode): SchemaNode {
  if (node.type !== 'integer') return node;
  const out = { ...node };
  if (out.minimum === Number.MIN_SAFE_INTEGER) delete out.minimum;
  if (out.maximum === Number.MAX_SAFE_INTEGER) delete out.maximum;
  const fitsInt32 =
    typeof out.minimum === 'number' &&
    out.minimum >= int32Min &&
    typeof out.maximum === 'number' &&
    out.maximum <= int32Max;
  out.format ??= fitsInt32 ? 'int32' : 'int64';
  return out;
}

function stringFormat(node: SchemaNode): SchemaNode {
  // zod adds its own JS pattern to formats the apiserver validates itself.
  if (node.type !== 'string' || node.format !== 'date-time') return node;
  return omitKeys(node, 'pattern');
}

function dropKeys(node: SchemaNode): SchemaNode {
  return Object.fromEntries(Object.entries(node).filter(([k]) => allowedSchemaKeys.has(k)));
}

function normalizeNode(value: unknown, ctx: Context): SchemaNode {
  if (!isSchemaNode(value)) return fail(ctx, 'schema is not an object');
  let node = inlineRef(value, ctx);
  node = typeArrayToNullable(constToEnum(collapseUnion(collapseAllOf(node, ctx), ctx)), ctx);
  checkKeys(node, ctx);
  node = normalizeAdditionalProperties(normalizeProperties(node, ctx), ctx);
  node = stringFormat(integerFormat(normalizeItems(node, ctx)));
  return sortedKeys(dropKeys(node));
}

/** The structural OpenAPI v3 schema of a zod schema, ready for a CRD. */
export function toStructuralSchema(schema: z.ZodType): SchemaNode {
  const raw = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'input',
    unrepresentable: 'throw',
  }) as SchemaNode;
  return normalizeNode(raw, { root: raw, path: '' });
}
