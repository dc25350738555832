// Well-known types have their own proto3 JSON forms ("5s" for a Duration, a bare number for a
// UInt32Value, any JSON for a Struct, `@type` plus fields for an Any). protobufjs's fromObject
// understands none of them except a flat Any, so each is checked here and turned into the
// object form fromObject encodes.
import type { Type } from 'protobufjs';
import type { EnvoyProtos } from './load.js';
import { describe, scalarProblem } from './scalar.js';

export interface WalkContext {
  readonly protos: EnvoyProtos;
  readonly errors: string[];
  readonly allowDeprecated: boolean;
  /** Checks a value against a message type and returns its encodable form. */
  message(type: Type, value: unknown, path: string): unknown;
}

type Normalizer = (value: unknown, path: string, ctx: WalkContext) => unknown;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(ctx: WalkContext, path: string, message: string): undefined {
  ctx.errors.push(`${path}: ${message}`);
  return undefined;
}

const durationText = /^(-)?([0-9]+)(?:\.([0-9]{1,9}))?s$/;

const duration: Normalizer = (value, path, ctx) => {
  const m = typeof value === 'string' ? durationText.exec(value) : null;
  if (!m)
    return fail(ctx, path, `expected a Duration like "5s" or "0.25s", got ${describe(value)}`);
  const sign = m[1] ? -1 : 1;
  const seconds = Number(m[2]);
  if (seconds > 315576000000) return fail(ctx, path, `Duration ${String(value)} is out of range`);
  return { seconds: sign * seconds, nanos: sign * Number((m[3] ?? '').padEnd(9, '0')) };
};

const timestampText = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

const timestamp: Normalizer = (value, path, ctx) => {
  const m = typeof value === 'string' ? timestampText.exec(value) : null;
  const millis = m ? Date.parse(String(value)) : Number.NaN;
  if (!m || Number.isNaN(millis))
    return fail(ctx, path, `expected an RFC 3339 timestamp, got ${describe(value)}`);
  return { seconds: Math.floor(millis / 1000), nanos: Number((m[2] ?? '').padEnd(9, '0')) };
};

function jsonValue(value: unknown, path: string, ctx: WalkContext): unknown {
  if (value === null) return { null_value: 'NULL_VALUE' };
  if (Array.isArray(value)) return { list_value: listValue(value, path, ctx) };
  if (isObject(value)) return { struct_value: struct(value, path, ctx) };
  const kind = { number: 'number_value', string: 'string_value', boolean: 'bool_value' }[
    typeof value as string
  ];
  return kind ? { [kind]: value } : fail(ctx, path, `not a JSON value: ${describe(value)}`);
}

const struct: Normalizer = (value, path, ctx) => {
  if (!isObject(value))
    return fail(ctx, path, `expected an object (Struct), got ${describe(value)}`);
  const fields = Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, jsonValue(v, `${path}.${k}`, ctx)]),
  );
  return { fields };
};

const listValue: Normalizer = (value, path, ctx) => {
  if (!Array.isArray(value))
    return fail(ctx, path, `expected a list (ListValue), got ${describe(value)}`);
  return { values: value.map((item, i) => jsonValue(item, `${path}[${i}]`, ctx)) };
};

function wrapper(scalar: string): Normalizer {
  return (value, path, ctx) => {
    const problem = scalarProblem(scalar, value);
    return problem ? fail(ctx, path, problem) : { value };
  };
}

const fieldMask: Normalizer = (value, path, ctx) =>
  typeof value === 'string'
    ? { paths: value === '' ? [] : value.split(',') }
    : fail(ctx, path, `expected a FieldMask string, got ${describe(value)}`);

const empty: Normalizer = (value, path, ctx) =>
  isObject(value) && Object.keys(value).length === 0
    ? {}
    : fail(ctx, path, `expected {} (Empty), got ${describe(value)}`);

/** An Any: `@type` names the message, the other keys are its fields (or `value` for a WKT). */
const any: Normalizer = (value, path, ctx) => {
  if (!isObject(value) || typeof value['@type'] !== 'string') {
    return fail(ctx, path, 'an Any needs "@type": "type.googleapis.com/<message>"');
  }
  const typeUrl = value['@type'];
  const type = ctx.protos.messageType(typeUrl);
  if (!type) return fail(ctx, path, `unknown @type ${typeUrl}`);
  const fields = Object.fromEntries(Object.entries(value).filter(([key]) => key !== '@type'));
  const body = type.fullName in wellKnown ? fields.value : fields;
  const before = ctx.errors.length;
  const normalized = ctx.message(type, body, `${path}<${type.fullName.slice(1)}>`);
  if (ctx.errors.length > before) return undefined;
  return { type_url: typeUrl, value: type.encode(type.fromObject(normalized as object)).finish() };
};

/** By protobufjs full name. */
export const wellKnown: Readonly<Record<string, Normalizer>> = {
  '.google.protobuf.Any': any,
  '.google.protobuf.Duration': duration,
  '.google.protobuf.Timestamp': timestamp,
  '.google.protobuf.Struct': struct,
  '.google.protobuf.Value': jsonValue,
  '.google.protobuf.ListValue': listValue,
  '.google.protobuf.FieldMask': fieldMask,
  '.google.protobuf.Empty': empty,
  '.google.protobuf.DoubleValue': wrapper('double'),
  '.google.protobuf.FloatValue': wrapper('float'),
  '.google.protobuf.Int64Value': wrapper('int64'),
  '.google.protobuf.UInt64Value': wrapper('uint64'),
  '.google.protobuf.Int32Value': wrapper('int32'),
  '.google.protobuf.UInt32Value': wrapper('uint32'),
  '.google.protobuf.BoolValue': wrapper('bool'),
  '.google.protobuf.StringValue': wrapper('string'),
  '.google.protobuf.BytesValue': wrapper('bytes'),
};
