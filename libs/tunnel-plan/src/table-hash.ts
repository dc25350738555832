// A stable content hash of a node's table, and the BullMQ job id built from it: two requests to
// program the same content on the same node get the same job id, so BullMQ keeps only one.
import { createHash } from 'node:crypto';
import { compareStrings } from './compare.js';

/** JSON with object keys sorted at every level; undefined members are left out, as in JSON. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => compareStrings(a, b));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

export const tableHashLength = 16;

/** First 16 hex digits of the SHA-256 of the canonical JSON. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, tableHashLength);
}

/**
 * `<node>_<hash>`. BullMQ refuses custom ids with ':' (its Redis key separator) and ids made only
 * of digits; a node name is a DNS subdomain and never holds '_', so the split stays unambiguous.
 */
export function programJobId(node: string, hash: string): string {
  if (node === '' || !/^[a-z0-9.-]+$/.test(node)) {
    throw new Error(`node name "${node}" cannot be part of a job id: it is not a DNS subdomain`);
  }
  if (!/^[0-9a-f]+$/.test(hash)) throw new Error(`table hash "${hash}" is not hex`);
  return `${node}_${hash}`;
}
