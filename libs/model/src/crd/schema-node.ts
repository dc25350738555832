// A JSON-schema node as plain data (apiextensions.k8s.io/v1 JSONSchemaProps, loosely typed).
export type SchemaNode = { [key: string]: unknown };

export function isSchemaNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys of JSONSchemaProps that a structural CRD schema may carry. */
export const allowedSchemaKeys: ReadonlySet<string> = new Set([
  'description',
  'type',
  'format',
  'default',
  'enum',
  'nullable',
  'example',
  'maximum',
  'minimum',
  'exclusiveMaximum',
  'exclusiveMinimum',
  'multipleOf',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'items',
  'maxProperties',
  'minProperties',
  'properties',
  'required',
  'additionalProperties',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-validations',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
]);

/** Keys that make a schema non-structural wherever they appear. */
export const forbiddenSchemaKeys: readonly string[] = [
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

/** Sorts an object's keys so the rendered YAML never depends on construction order. */
export function sortedKeys<T extends SchemaNode>(node: T): T {
  return Object.fromEntries(
    Object.keys(node)
      .sort()
      .map((k) => [k, node[k]]),
  ) as T;
}

/** A copy of `node` without `keys`. */
export function omitKeys(node: SchemaNode, ...keys: string[]): SchemaNode {
  return Object.fromEntries(Object.entries(node).filter(([k]) => !keys.includes(k)));
}
