// Orders that come out the same on every machine: tables are hashed, so a sort that depended on
// the locale or on input order would change the hash without a change in content.

/** Plain code-unit string order (localeCompare depends on the locale). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function ipv4Value(address: string): number | undefined {
  const parts = address.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined;
  return parts.reduce((value, part) => value * 256 + Number(part), 0);
}

/** IPv4 addresses in numeric order (10.0.0.9 before 10.0.0.10); anything else after, as strings. */
export function compareAddresses(a: string, b: string): number {
  const va = ipv4Value(a);
  const vb = ipv4Value(b);
  if (va !== undefined && vb !== undefined) return va - vb;
  if (va !== undefined) return -1;
  if (vb !== undefined) return 1;
  return compareStrings(a, b);
}

/** Natural order for ids that embed numbers (`epic9` before `epic10`, `tunnel/7` before `tunnel/42`). */
export function compareNatural(a: string, b: string): number {
  const chunksA = a.match(/\d+|\D+/g) ?? [];
  const chunksB = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(chunksA.length, chunksB.length); i++) {
    const order = compareChunk(chunksA[i]!, chunksB[i]!);
    if (order !== 0) return order;
  }
  return chunksA.length - chunksB.length || compareStrings(a, b);
}

function compareChunk(a: string, b: string): number {
  const numeric = /^\d/.test(a) && /^\d/.test(b);
  if (!numeric) return compareStrings(a, b);
  // Compare digit strings by length first so ids beyond 2^53 still order correctly.
  const trimmedA = a.replace(/^0+(?=\d)/, '');
  const trimmedB = b.replace(/^0+(?=\d)/, '');
  return trimmedA.length - trimmedB.length || compareStrings(trimmedA, trimmedB);
}
