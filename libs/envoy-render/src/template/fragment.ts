// One template entry's text -> a tree that is instantiated by substituting values into the
// PARSED structure. Values never pass through a text template engine, so nothing is escaped
// (the original's html/template turned `+ ' "` into HTML entities) and a value can never inject
// YAML: `a'b: "c"` stays one string whatever characters it holds.
//
// How: every `{{ .Name }}` is first replaced by a token of private-use characters, which YAML
// reads as an ordinary plain scalar. So placeholders may stand unquoted (`port_value: {{ .Port }}`)
// or inside strings, and after parsing a string that is exactly one token becomes a typed value
// (number, object, list) while a string with tokens inside becomes an interpolated string.
import { parseDocument } from 'yaml';
import { deepFreeze, isJsonObject, type JsonValue } from '../json.js';
import type { PlaceholderShape } from './placeholders.js';
import { TemplateError, type Serialization } from './schema.js';

type TextPart = string | { readonly placeholder: string };

export type TemplateNode =
  | { readonly kind: 'literal'; readonly value: JsonValue }
  | { readonly kind: 'placeholder'; readonly name: string }
  | { readonly kind: 'text'; readonly parts: readonly TextPart[] }
  | { readonly kind: 'array'; readonly items: readonly TemplateNode[] }
  | {
      readonly kind: 'object';
      readonly entries: readonly { readonly key: TemplateNode; readonly value: TemplateNode }[];
    };

export interface FragmentSource {
  /** For messages: e.g. `listeners "tcp"`. */
  readonly where: string;
  readonly text: string;
  readonly serialization: Serialization;
  readonly placeholders: Readonly<Record<string, PlaceholderShape>>;
}

const placeholderPattern = /\{\{\s*\.([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;
const tokenPattern = /\uE000(\d+)\uE001/g;
const wholeToken = /^\uE000(\d+)\uE001$/;

/** Parses one template entry into a tree, or throws TemplateError naming the entry. */
export function compileFragment(source: FragmentSource): TemplateNode {
  const names: string[] = [];
  const tokenized = source.text.replace(placeholderPattern, (_all, name: string) => {
    names.push(name);
    return `\uE000${names.length - 1}\uE001`;
  });
  checkPlaceholders(source, tokenized, names);
  if (source.serialization === 'json') checkJson(source);
  const parsed = parseText(source, tokenized);
  if (!isJsonObject(parsed)) {
    throw new TemplateError(
      `${source.where}: the template must be a ${source.serialization} object`,
    );
  }
  return toNode(parsed, { source, names });
}

function checkPlaceholders(source: FragmentSource, tokenized: string, names: string[]): void {
  // `}}` alone is ordinary JSON/YAML (nested objects closing); `{{` never is.
  const stray = /\{\{[^}]*\}\}|\{\{/.exec(tokenized);
  if (stray) {
    throw new TemplateError(
      `${source.where}: unsupported template action "${stray[0]}"; only {{ .Name }} placeholders exist`,
    );
  }
  const unknown = [...new Set(names)].filter((name) => !(name in source.placeholders));
  if (unknown.length > 0) {
    throw new TemplateError(
      `${source.where}: unknown placeholder ${unknown.map((n) => `.${n}`).join(', ')}; ` +
        `known: ${Object.keys(source.placeholders)
          .map((n) => `.${n}`)
          .join(', ')}`,
    );
  }
}

/** A json template must be JSON once each placeholder stands for some value. */
function checkJson(source: FragmentSource): void {
  try {
    JSON.parse(source.text.replace(placeholderPattern, '0'));
  } catch (err) {
    throw new TemplateError(`${source.where}: not valid JSON (${(err as Error).message})`);
  }
}

function parseText(source: FragmentSource, tokenized: string): unknown {
  // YAML 1.2 reads JSON too, and it accepts the unquoted tokens where JSON would not.
  const doc = parseDocument(tokenized, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    throw new TemplateError(`${source.where}: cannot parse: ${first.message}`);
  }
  return doc.toJS({ maxAliasCount: 100 }) as unknown;
}

interface Context {
  readonly source: FragmentSource;
  readonly names: readonly string[];
}

function toNode(value: unknown, ctx: Context): TemplateNode {
  if (typeof value === 'string') return stringNode(value, ctx, 'value');
  if (Array.isArray(value)) {
    const items = value.map((item) => toNode(item, ctx));
    return items.every(isLiteral) ? literal(items.map(literalValue)) : { kind: 'array', items };
  }
  if (isJsonObject(value)) {
    const entries = Object.entries(value).map(([k, v]) => ({
      key: stringNode(k, ctx, 'key'),
      value: toNode(v, ctx),
    }));
    if (!entries.every((e) => isLiteral(e.key) && isLiteral(e.value))) {
      return { kind: 'object', entries };
    }
    return literal(
      Object.fromEntries(
        entries.map((e) => [literalValue(e.key) as string, literalValue(e.value)]),
      ),
    );
  }
  if (value === null || typeof value === 'boolean' || typeof value === 'number') {
    return { kind: 'literal', value };
  }
  throw new TemplateError(`${ctx.source.where}: unsupported ${typeof value} value`);
}

function stringNode(text: string, ctx: Context, position: 'key' | 'value'): TemplateNode {
  const whole = wholeToken.exec(text);
  if (whole && position === 'value') {
    return { kind: 'placeholder', name: ctx.names[Number(whole[1])]! };
  }
  if (!text.includes('\uE000')) return { kind: 'literal', value: text };
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(tokenPattern)) {
    const name = ctx.names[Number(match[1])]!;
    if (ctx.source.placeholders[name] === 'structure') {
      throw new TemplateError(
        `${ctx.source.where}: .${name} is a list or object; it must stand alone as a whole value`,
      );
    }
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push({ placeholder: name });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return { kind: 'text', parts };
}

function isLiteral(node: TemplateNode): node is { kind: 'literal'; value: JsonValue } {
  return node.kind === 'literal';
}

/** A subtree without placeholders becomes one frozen value shared by every render. */
function literal(value: JsonValue): TemplateNode {
  return { kind: 'literal', value: deepFreeze(value) };
}

function literalValue(node: TemplateNode): JsonValue {
  if (!isLiteral(node)) throw new Error('literalValue: not a literal node');
  return node.value;
}
