// Structural equality of JSON values (objects compared by keys, not key order). Objects read from
// the API are JSON, so this is all the comparison the diff needs.

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arraysEqual(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
}

function recordsEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  // An absent key and an undefined one are the same JSON.
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => jsonEqual(a[key], b[key]));
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return arraysEqual(a, b);
  if (isRecord(a) && isRecord(b)) return recordsEqual(a, b);
  return false;
}

/** The keys of two records whose values differ, sorted. Non-records count as empty. */
export function differingKeys(a: unknown, b: unknown): string[] {
  const left = isRecord(a) ? a : {};
  const right = isRecord(b) ? b : {};
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  return [...keys].filter((key) => !jsonEqual(left[key], right[key])).sort();
}

export { isRecord };
