// A strict proto3-JSON checker for Envoy resources. protobufjs's fromObject silently DROPS
// fields it does not know and coerces wrong types, so a misspelt `conect_timeout` or a string
// port would vanish on the way to Envoy. This walks the JSON against the message type first:
// unknown field, wrong scalar, unknown enum name, two members of a oneof, a broken
// protoc-gen-validate rule or a deprecated field is an error naming its path; `@type` in an Any
// resolves to its message and is checked the same way. Only then is the message encoded.
import type { Enum, Field, FieldBase, MapField, Type } from 'protobufjs';
import { envoyProtos, isEnum, isType, type EnvoyProtos } from './load.js';
import { ruleProblems } from './pgv.js';
import { describe, scalarProblem } from './scalar.js';
import { wellKnown, type WalkContext } from './well-known.js';

export interface CheckOptions {
  /** Deprecated fields are errors unless allowed: Envoy rejects many of them by default. */
  readonly allowDeprecated?: boolean;
}

export interface CheckResult {
  readonly errors: readonly string[];
  /** The message in the object form protobufjs encodes (valid only without errors). */
  readonly value: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lowerCamel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

const fieldIndex = new WeakMap<Type, ReadonlyMap<string, Field>>();

/** A field by its proto name or its proto3 JSON (lowerCamelCase) name. */
function fieldsOf(type: Type): ReadonlyMap<string, Field> {
  let index = fieldIndex.get(type);
  if (!index) {
    index = new Map(
      type.fieldsArray.flatMap((f) => [[f.name, f] as const, [lowerCamel(f.name), f] as const]),
    );
    fieldIndex.set(type, index);
  }
  return index;
}

/** Enums by name (proto3 JSON) or number; the encodable form is the name. */
function checkEnum(enumType: Enum, value: unknown, path: string, ctx: WalkContext): unknown {
  const { values } = enumType;
  const name =
    typeof value === 'number' ? Object.keys(values).find((k) => values[k] === value) : value;
  if (typeof name !== 'string' || !(name in values)) {
    ctx.errors.push(
      `${path}: ${describe(value)} is not a value of enum ${enumType.fullName.slice(1)}`,
    );
    return undefined;
  }
  if (enumType.valuesOptions?.[name]?.['deprecated'] === true && !ctx.allowDeprecated) {
    ctx.errors.push(`${path}: enum value ${name} is deprecated`);
  }
  return name;
}

function checkSingle(field: FieldBase, value: unknown, path: string, ctx: WalkContext): unknown {
  const resolved = field.resolvedType;
  if (isType(resolved)) return ctx.message(resolved, value, path);
  if (isEnum(resolved)) return checkEnum(resolved, value, path, ctx);
  const problem = scalarProblem(field.type, value);
  if (problem) ctx.errors.push(`${path}: ${problem}`);
  return value;
}

function checkMap(field: MapField, value: unknown, path: string, ctx: WalkContext): unknown {
  if (!isObject(value)) {
    ctx.errors.push(`${path}: expected an object (map), got ${describe(value)}`);
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const problem = field.keyType === 'string' ? undefined : scalarProblem(field.keyType, key);
    if (problem) ctx.errors.push(`${path}[${JSON.stringify(key)}]: map key ${problem}`);
  }
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, checkSingle(field, v, `${path}.${k}`, ctx)]),
  );
}

function checkField(field: Field, value: unknown, path: string, ctx: WalkContext): unknown {
  if (field.map) return checkMap(field as unknown as MapField, value, path, ctx);
  if (!field.repeated) return checkSingle(field, value, path, ctx);
  if (!Array.isArray(value)) {
    ctx.errors.push(`${path}: expected a list, got ${describe(value)}`);
    return undefined;
  }
  return value.map((item, i) => checkSingle(field, item, `${path}[${i}]`, ctx));
}

/** proto3 JSON: null means "not set", except for a google.protobuf.Value (JSON null). */
function isUnset(field: Field, item: unknown): boolean {
  return item === null && field.resolvedType?.fullName !== '.google.protobuf.Value';
}

interface Fields {
  readonly path: string;
  readonly normalized: Record<string, unknown>;
  /** By proto name, as given: what the validation rules look at. */
  readonly raw: Map<string, unknown>;
}

function checkEntry(type: Type, [key, item]: [string, unknown], out: Fields, ctx: WalkContext) {
  const where = `${out.path}.${key}`;
  const field = fieldsOf(type).get(key);
  if (!field) {
    ctx.errors.push(`${where}: unknown field of ${type.fullName.slice(1)}`);
  } else if (out.raw.has(field.name)) {
    ctx.errors.push(`${where}: set twice (as ${field.name} and ${lowerCamel(field.name)})`);
  } else if (!isUnset(field, item)) {
    if (field.options?.['deprecated'] === true && !ctx.allowDeprecated) {
      ctx.errors.push(`${where}: deprecated field`);
    }
    out.raw.set(field.name, item);
    out.normalized[field.name] = checkField(field, item, where, ctx);
  }
}

function checkFields(type: Type, value: Record<string, unknown>, path: string, ctx: WalkContext) {
  const out: Fields = { path, normalized: {}, raw: new Map() };
  for (const entry of Object.entries(value)) checkEntry(type, entry, out, ctx);
  const { normalized, raw } = out;
  for (const problem of ruleProblems(type, raw)) ctx.errors.push(`${path}.${problem}`);
  return normalized;
}

function walker(protos: EnvoyProtos, options: CheckOptions): WalkContext {
  const ctx: WalkContext = {
    protos,
    errors: [],
    allowDeprecated: options.allowDeprecated ?? false,
    message(type, value, path) {
      const special = wellKnown[type.fullName];
      if (special) return special(value, path, ctx);
      if (!isObject(value)) {
        ctx.errors.push(
          `${path}: expected an object (${type.fullName.slice(1)}), got ${describe(value)}`,
        );
        return undefined;
      }
      return checkFields(type, value, path, ctx);
    },
  };
  return ctx;
}

/** Checks proto3 JSON against a message type (`type.googleapis.com/...` or a full name). */
export function checkMessage(
  typeUrlOrName: string,
  value: unknown,
  options: CheckOptions = {},
): CheckResult {
  const protos = envoyProtos();
  const type = protos.messageType(typeUrlOrName);
  if (!type) return { errors: [`unknown message type ${typeUrlOrName}`], value: undefined };
  const ctx = walker(protos, options);
  const normalized = ctx.message(type, value, '$');
  return { errors: ctx.errors, value: normalized };
}

/** A resource that failed the strict check; `errors` name each path. */
export class ProtoCheckError extends Error {
  override readonly name = 'ProtoCheckError';
  constructor(
    readonly typeUrl: string,
    readonly errors: readonly string[],
  ) {
    super(`not a valid ${typeUrl}: ${errors.join('; ')}`);
  }
}

/** Checks strictly, then encodes to protobuf binary; throws ProtoCheckError on any problem. */
export function encodeMessage(
  typeUrl: string,
  value: unknown,
  options: CheckOptions = {},
): Uint8Array {
  const checked = checkMessage(typeUrl, value, options);
  if (checked.errors.length > 0) throw new ProtoCheckError(typeUrl, checked.errors);
  const type = envoyProtos().messageType(typeUrl)!;
  return type.encode(type.fromObject(checked.value as object)).finish();
}
