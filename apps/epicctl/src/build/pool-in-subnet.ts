// A ServicePrefix's subnet must contain every pool address (reference.md). The CRD checks each
// field's syntax; only here do the two fields meet, so a typo like --pool 10.0.1.0/24 with
// --subnet 10.0.0.0/24 fails before anything is written.
import ipaddr from 'ipaddr.js';

type Address = ReturnType<typeof ipaddr.parse>;

function compareBytes(a: Address, b: Address): number {
  const x = a.toByteArray();
  const y = b.toByteArray();
  for (let i = 0; i < x.length; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The pool's first and last address, or a message saying why it does not parse. */
function poolEnds(pool: string): [Address, Address, number] | string {
  if (pool.includes('/')) {
    if (!ipaddr.isValidCIDR(pool)) return `"${pool}" is not a CIDR`;
    const [address, bits] = ipaddr.parseCIDR(pool);
    return [address, address, bits];
  }
  const ends = pool.split('-').map((end) => end.trim());
  if (ends.length !== 2 || !ends.every((end) => ipaddr.isValid(end))) {
    return `"${pool}" is neither a CIDR nor a range first-last`;
  }
  const [first, last] = ends.map((end) => ipaddr.parse(end)) as [Address, Address];
  return [first, last, first.kind() === 'ipv4' ? 32 : 128];
}

/** Why `pool` does not fit in `subnet`, or undefined when it does. */
export function poolOutsideSubnet(pool: string, subnet: string): string | undefined {
  if (!ipaddr.isValidCIDR(subnet)) return `subnet "${subnet}" is not a CIDR`;
  const range = ipaddr.parseCIDR(subnet);
  const ends = poolEnds(pool);
  if (typeof ends === 'string') return ends;
  const [first, last, bits] = ends;
  if (first.kind() !== range[0].kind() || last.kind() !== first.kind()) {
    return `pool ${pool} and subnet ${subnet} are not the same IP family`;
  }
  if (compareBytes(first, last) > 0) return `pool ${pool} ends before it starts`;
  if (bits < range[1] || !first.match(range) || !last.match(range)) {
    return `pool ${pool} is not inside subnet ${subnet}`;
  }
  return undefined;
}
