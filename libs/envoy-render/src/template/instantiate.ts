// A compiled template entry + this resource's values -> the resource. Values are placed into the
// tree as they are (a string stays exactly that string), so no character is ever escaped.
import type { JsonValue } from '../json.js';
import type { TemplateNode } from './fragment.js';

export type PlaceholderValues = Readonly<Record<string, JsonValue | undefined>>;

/** A placeholder without a value for this resource (e.g. no public address allocated yet). */
export class MissingValueError extends Error {
  override readonly name = 'MissingValueError';
  constructor(
    readonly where: string,
    readonly placeholder: string,
  ) {
    super(`${where}: placeholder .${placeholder} has no value`);
  }
}

export function instantiate(
  node: TemplateNode,
  values: PlaceholderValues,
  where: string,
): JsonValue {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'placeholder':
      return valueOf(node.name, values, where);
    case 'text':
      return node.parts
        .map((part) =>
          typeof part === 'string' ? part : text(valueOf(part.placeholder, values, where)),
        )
        .join('');
    case 'array':
      return node.items.map((item) => instantiate(item, values, where));
    case 'object': {
      const object: Record<string, JsonValue> = {};
      for (const entry of node.entries) {
        object[text(instantiate(entry.key, values, where))] = instantiate(
          entry.value,
          values,
          where,
        );
      }
      return object;
    }
  }
}

/** A value inside a string: scalars as themselves (compile time keeps structures out). */
function text(value: JsonValue): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function valueOf(name: string, values: PlaceholderValues, where: string): JsonValue {
  const value = values[name];
  if (value === undefined) throw new MissingValueError(where, name);
  return value;
}
