// Checks a CRD schema against the apiserver's structural-schema rules (the subset our
// generator could get wrong). Returns one readable line per violation; empty = structural.
import { forbiddenSchemaKeys, isSchemaNode, type SchemaNode } from './schema-node.js';

function typeViolations(node: SchemaNode, path: string): string[] {
  const typed = typeof node.type === 'string';
  const marked =
    node['x-kubernetes-int-or-string'] === true ||
    node['x-kubernetes-preserve-unknown-fields'] === true;
  const out: string[] = [];
  if (!typed && !marked) out.push(`${path}: type is missing`);
  if (node.nullable === true && !typed) out.push(`${path}: nullable without type`);
  if (node.type === 'array' && !isSchemaNode(node.items)) out.push(`${path}: array without items`);
  return out;
}

function ownViolations(node: SchemaNode, path: string): string[] {
  const out = forbiddenSchemaKeys
    .filter((key) => key in node)
    .map((key) => `${path}: ${key} is not allowed`);
  if (node.uniqueItems === true) out.push(`${path}: uniqueItems is not allowed`);
  return [...out, ...typeViolations(node, path)];
}

function objectViolations(node: SchemaNode, path: string): string[] {
  const extra = node.additionalProperties;
  if (extra === undefined) return [];
  if (!isSchemaNode(extra)) return [`${path}: additionalProperties must be a schema`];
  return isSchemaNode(node.properties)
    ? [`${path}: properties and additionalProperties together`]
    : [];
}

function listMapViolations(node: SchemaNode, path: string): string[] {
  const keys = node['x-kubernetes-list-map-keys'];
  if (!Array.isArray(keys)) return [];
  if (node['x-kubernetes-list-type'] !== 'map')
    return [`${path}: list-map-keys without list-type map`];
  const items = isSchemaNode(node.items) ? node.items : {};
  const required = Array.isArray(items.required) ? (items.required as unknown[]) : [];
  const properties = isSchemaNode(items.properties) ? items.properties : {};
  return keys
    .filter((k: unknown) => {
      const property = properties[String(k)];
      return !required.includes(k) && !(isSchemaNode(property) && 'default' in property);
    })
    .map((k: unknown) => `${path}: list-map key ${String(k)} must be required or defaulted`);
}

function children(node: SchemaNode, path: string): Array<[unknown, string]> {
  const out: Array<[unknown, string]> = [];
  if (isSchemaNode(node.properties)) {
    for (const [name, schema] of Object.entries(node.properties))
      out.push([schema, `${path}.${name}`]);
  }
  if (node.items !== undefined) out.push([node.items, `${path}[]`]);
  if (isSchemaNode(node.additionalProperties)) out.push([node.additionalProperties, `${path}.*`]);
  return out;
}

/** Every way `schema` is not a structural CRD schema, as `<path>: <problem>` lines. */
export function structuralViolations(schema: unknown, path = '<root>'): string[] {
  if (!isSchemaNode(schema)) return [`${path}: not a schema object`];
  return [
    ...ownViolations(schema, path),
    ...objectViolations(schema, path),
    ...listMapViolations(schema, path),
    ...children(schema, path).flatMap(([node, p]) => structuralViolations(node, p)),
  ];
}
