// The protoc-gen-validate rules Envoy's API carries ((validate.rules) on fields,
// (validate.required) on oneofs). Envoy rejects a resource that breaks them, so the checker
// applies the common ones: required messages and oneofs, string and list lengths, numeric
// bounds, bool const. Regex-based rules (well_known_regex, pattern), `in` lists and duration
// bounds are not checked; Envoy still enforces them.
import type { Field, Type } from 'protobufjs';
import { isType } from './load.js';
import { scalarDefault } from './scalar.js';

type RuleCheck = (actual: unknown, bound: unknown, present: boolean) => string | undefined;

const rulePrefix = '(validate.rules).';
const numericFamilies = [
  'double',
  'float',
  'int32',
  'int64',
  'uint32',
  'uint64',
  'sint32',
  'sint64',
  'fixed32',
  'fixed64',
  'sfixed32',
  'sfixed64',
];

const utf8 = new TextEncoder();
const codePoints = (v: unknown) => (typeof v === 'string' ? [...v].length : undefined);
const bytes = (v: unknown) => (typeof v === 'string' ? utf8.encode(v).length : undefined);
const items = (v: unknown) => (Array.isArray(v) ? v.length : undefined);
const pairs = (v: unknown) =>
  typeof v === 'object' && v !== null ? Object.keys(v).length : undefined;

function atLeast(measure: (v: unknown) => number | undefined, what: string): RuleCheck {
  return (actual, bound) => {
    const n = measure(actual);
    return n !== undefined && n < Number(bound)
      ? `needs at least ${String(bound)} ${what}, has ${n}`
      : undefined;
  };
}

function atMost(measure: (v: unknown) => number | undefined, what: string): RuleCheck {
  return (actual, bound) => {
    const n = measure(actual);
    return n !== undefined && n > Number(bound)
      ? `allows at most ${String(bound)} ${what}, has ${n}`
      : undefined;
  };
}

function numeric(test: (n: number, bound: number) => boolean, words: string): RuleCheck {
  return (actual, bound) => {
    const n =
      typeof actual === 'string' || typeof actual === 'number' ? Number(actual) : Number.NaN;
    return !Number.isNaN(n) && !test(n, Number(bound))
      ? `must be ${words} ${String(bound)}, is ${n}`
      : undefined;
  };
}

const required: RuleCheck = (_actual, bound, present) =>
  bound === true && !present ? 'is required' : undefined;

const rules: Readonly<Record<string, RuleCheck>> = {
  'message.required': required,
  'any.required': required,
  'string.min_len': atLeast(codePoints, 'characters'),
  'string.max_len': atMost(codePoints, 'characters'),
  'string.min_bytes': atLeast(bytes, 'bytes'),
  'string.max_bytes': atMost(bytes, 'bytes'),
  'bytes.min_len': atLeast(bytes, 'bytes'),
  'repeated.min_items': atLeast(items, 'items'),
  'repeated.max_items': atMost(items, 'items'),
  'map.min_pairs': atLeast(pairs, 'entries'),
  'map.max_pairs': atMost(pairs, 'entries'),
  'bool.const': (actual, bound) => (actual !== bound ? `must be ${String(bound)}` : undefined),
  ...Object.fromEntries(
    numericFamilies.flatMap((family) => [
      [`${family}.gt`, numeric((n, b) => n > b, 'greater than')],
      [`${family}.gte`, numeric((n, b) => n >= b, 'at least')],
      [`${family}.lt`, numeric((n, b) => n < b, 'less than')],
      [`${family}.lte`, numeric((n, b) => n <= b, 'at most')],
      [`${family}.const`, numeric((n, b) => n === b, 'exactly')],
    ]),
  ),
};

interface Rule {
  readonly name: string;
  readonly bound: unknown;
  readonly check: RuleCheck;
}

const rulesByField = new WeakMap<Field, readonly Rule[]>();

function rulesOf(field: Field): readonly Rule[] {
  let found = rulesByField.get(field);
  if (!found) {
    found = (Object.entries(field.options ?? {}) as [string, unknown][])
      .filter(([key]) => key.startsWith(rulePrefix))
      .map(([key, bound]) => ({
        name: key.slice(rulePrefix.length),
        bound,
        check: rules[key.slice(rulePrefix.length)],
      }))
      .filter((rule): rule is Rule => rule.check !== undefined);
    rulesByField.set(field, found);
  }
  return found;
}

/** proto3 `optional` fields sit in a synthetic oneof named `_<field>`. */
function inRealOneof(field: Field): boolean {
  return field.partOf !== null && !field.partOf.name.startsWith('_');
}

/** What an absent field looks like to the rules; undefined = the rules do not apply. */
function absentValue(field: Field): unknown {
  if (field.map) return {};
  if (field.repeated) return [];
  if (isType(field.resolvedType) || field.partOf !== null) return undefined;
  return field.resolvedType ? 0 : scalarDefault(field.type);
}

function fieldProblems(field: Field, raw: ReadonlyMap<string, unknown>): string[] {
  const present = raw.has(field.name);
  const actual = present ? raw.get(field.name) : absentValue(field);
  const applicable =
    !present && actual === undefined
      ? rulesOf(field).filter((rule) => rule.check === required)
      : rulesOf(field);
  return applicable.flatMap((rule) => {
    const problem = rule.check(actual, rule.bound, present);
    return problem ? [`${problem} (${rule.name})`] : [];
  });
}

/**
 * Checks one message's fields (by proto name -> JSON value as given) against its rules.
 * Returns problems as `<field>: <problem>`.
 */
export function ruleProblems(type: Type, raw: ReadonlyMap<string, unknown>): string[] {
  const problems = type.fieldsArray
    .filter((field) => raw.has(field.name) || !inRealOneof(field))
    .flatMap((field) => fieldProblems(field, raw).map((p) => `${field.name}: ${p}`));
  for (const oneof of type.oneofsArray) {
    const set = oneof.oneof.filter((name) => raw.has(name));
    if (set.length > 1) problems.push(`${oneof.name}: only one of ${set.join(', ')} may be set`);
    if (set.length === 0 && oneof.options?.['(validate.required)'] === true) {
      problems.push(`${oneof.name}: one of ${oneof.oneof.join(', ')} is required`);
    }
  }
  return problems;
}
