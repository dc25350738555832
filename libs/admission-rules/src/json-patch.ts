// RFC 6902 JSON Patch from two JSON documents: what the mutating webhook returns. Objects are
// compared key by key so the patch touches only what the defaults changed; an array that
// differs is replaced whole (finalizers, endpoints), which is exact and needs no index care.
import { isDeepStrictEqual } from 'node:util';

export type JsonPatchOp =
  | { op: 'add'; path: string; value: unknown }
  | { op: 'replace'; path: string; value: unknown }
  | { op: 'remove'; path: string };

type JsonRecord = Record<string, unknown>;

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One JSON Pointer token (RFC 6901): `~` -> `~0`, `/` -> `~1` (label keys hold '/'). */
export function pointerToken(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function diffRecords(before: JsonRecord, after: JsonRecord, path: string): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  for (const key of Object.keys(before)) {
    if (after[key] === undefined && before[key] !== undefined) {
      ops.push({ op: 'remove', path: `${path}/${pointerToken(key)}` });
    }
  }
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const at = `${path}/${pointerToken(key)}`;
    if (before[key] === undefined) ops.push({ op: 'add', path: at, value });
    else ops.push(...diffValues(before[key], value, at));
  }
  return ops;
}

function diffValues(before: unknown, after: unknown, path: string): JsonPatchOp[] {
  if (isDeepStrictEqual(before, after)) return [];
  if (isRecord(before) && isRecord(after)) return diffRecords(before, after, path);
  return [{ op: 'replace', path, value: after }];
}

/** The operations that turn `before` into `after` (both JSON objects). */
export function diffPatch(before: JsonRecord, after: JsonRecord): JsonPatchOp[] {
  return diffRecords(before, after, '');
}

/** Applies add/replace/remove on object members: enough to check a patch in tests. */
export function applyPatch(doc: JsonRecord, ops: readonly JsonPatchOp[]): JsonRecord {
  const out = structuredClone(doc);
  for (const op of ops) {
    const tokens = op.path
      .split('/')
      .slice(1)
      .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
    const last = tokens.pop();
    let parent: unknown = out;
    for (const token of tokens) parent = isRecord(parent) ? parent[token] : undefined;
    if (!isRecord(parent) || last === undefined) throw new Error(`no parent for ${op.path}`);
    if (op.op === 'remove') delete parent[last];
    else parent[last] = structuredClone(op.value);
  }
  return out;
}
