// Proto3 JSON scalars: what each protobuf scalar type accepts in JSON. protobufjs's fromObject
// coerces instead of checking ("8080" for a bool becomes true), hence this table.

type ScalarCheck = (value: unknown) => string | undefined;

const integerText = /^-?(0|[1-9][0-9]*)$/;

function integer(min: number, max: number): ScalarCheck {
  return (value) => {
    const n = typeof value === 'string' && integerText.test(value) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isInteger(n))
      return `expected an integer, got ${describe(value)}`;
    return n < min || n > max ? `${n} is outside ${min}..${max}` : undefined;
  };
}

/** 64-bit integers: a JSON number (exact only up to 2^53) or a decimal string. */
function integer64(signed: boolean): ScalarCheck {
  return (value) => {
    const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
    if (typeof text !== 'string' || !integerText.test(text))
      return `expected a 64-bit integer, got ${describe(value)}`;
    const n = BigInt(text);
    const [min, max] = signed ? [-(2n ** 63n), 2n ** 63n - 1n] : [0n, 2n ** 64n - 1n];
    return n < min || n > max
      ? `${text} is outside the ${signed ? 'signed' : 'unsigned'} 64-bit range`
      : undefined;
  };
}

const floating: ScalarCheck = (value) => {
  if (typeof value === 'number') return undefined;
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return undefined;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))
    return undefined;
  return `expected a number, got ${describe(value)}`;
};

const base64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

const scalarChecks: Readonly<Record<string, ScalarCheck>> = {
  double: floating,
  float: floating,
  int32: integer(-(2 ** 31), 2 ** 31 - 1),
  sint32: integer(-(2 ** 31), 2 ** 31 - 1),
  sfixed32: integer(-(2 ** 31), 2 ** 31 - 1),
  uint32: integer(0, 2 ** 32 - 1),
  fixed32: integer(0, 2 ** 32 - 1),
  int64: integer64(true),
  sint64: integer64(true),
  sfixed64: integer64(true),
  uint64: integer64(false),
  fixed64: integer64(false),
  bool: (value) =>
    typeof value === 'boolean' ? undefined : `expected true or false, got ${describe(value)}`,
  string: (value) =>
    typeof value === 'string' ? undefined : `expected a string, got ${describe(value)}`,
  bytes: (value) =>
    typeof value === 'string' && base64.test(value)
      ? undefined
      : `expected base64 bytes, got ${describe(value)}`,
};

export function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** What is wrong with a JSON value for a protobuf scalar type, or undefined when it fits. */
export function scalarProblem(type: string, value: unknown): string | undefined {
  const check = scalarChecks[type];
  return check ? check(value) : `unknown scalar type ${type}`;
}

/** The value an unset proto3 scalar has; validation rules see it too. */
export function scalarDefault(type: string): unknown {
  if (type === 'string' || type === 'bytes') return '';
  return type === 'bool' ? false : 0;
}
