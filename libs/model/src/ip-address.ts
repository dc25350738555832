// IP address predicates with the apiserver's CEL semantics (`isIP()` / `isCIDR()` of the
// Kubernetes CEL IP library: Go netip parsing, no IPv4 leading zeros, no zones, no
// IPv4-mapped IPv6), so a zod refinement and the CRD's CEL rule reach the same verdict.
import { z } from 'zod';

const ipv4Octet = /^(0|[1-9][0-9]{0,2})$/;
const ipv6Group = /^[0-9a-fA-F]{1,4}$/;

function ipv4Bytes(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => ipv4Octet.test(p))) return undefined;
  const bytes = parts.map(Number);
  return bytes.every((b) => b <= 255) ? bytes : undefined;
}

/** 16-bit groups of one side of an IPv6 address; an embedded IPv4 tail counts as two. */
function ipv6Groups(side: string, allowIpv4Tail: boolean): number[] | undefined {
  if (side === '') return [];
  const parts = side.split(':');
  const groups: number[] = [];
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    if (last && allowIpv4Tail && part.includes('.')) {
      const v4 = ipv4Bytes(part);
      if (!v4) return undefined;
      groups.push(v4[0]! * 256 + v4[1]!, v4[2]! * 256 + v4[3]!);
    } else if (ipv6Group.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

function ipv6Value(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  if (halves.length === 1) {
    const groups = ipv6Groups(text, true);
    return groups?.length === 8 ? groups : undefined;
  }
  const head = ipv6Groups(halves[0]!, false);
  const tail = ipv6Groups(halves[1]!, true);
  if (!head || !tail || head.length + tail.length > 7) return undefined;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

function isIpv4MappedIpv6(groups: number[]): boolean {
  return groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
}

type Family = 4 | 6;

function addressFamily(text: string): Family | undefined {
  if (text.includes('%')) return undefined;
  if (!text.includes(':')) return ipv4Bytes(text) ? 4 : undefined;
  const groups = ipv6Value(text);
  return groups && !isIpv4MappedIpv6(groups) ? 6 : undefined;
}

/** True for an IPv4 or IPv6 address as CEL `isIP()` accepts it. */
export function isIPAddress(text: string): boolean {
  return addressFamily(text) !== undefined;
}

/** True for `address/prefix-length` as CEL `isCIDR()` accepts it (host bits may be set). */
export function isCIDR(text: string): boolean {
  const slash = text.lastIndexOf('/');
  if (slash < 0) return false;
  const family = addressFamily(text.slice(0, slash));
  const bits = text.slice(slash + 1);
  if (!family || !/^(0|[1-9][0-9]{0,2})$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/** True for an address range `first-last` (spaces allowed around `-`). */
export function isAddressRange(text: string): boolean {
  const ends = text.split('-');
  return ends.length === 2 && ends.every((end) => isIPAddress(end.trim()));
}

const ipRule = { rule: 'isIP(self)', message: 'must be an IP address' };
const cidrRule = { rule: 'isCIDR(self)', message: 'must be a CIDR, e.g. 10.0.0.0/24' };
const poolRule = {
  rule: "isCIDR(self) || (self.split('-').size() == 2 && self.split('-').all(a, isIP(a.trim())))",
  message: 'must be a CIDR (10.0.0.0/24) or an address range (10.0.0.2-10.0.0.9)',
};

/** An IP address field: zod refinement and CRD CEL rule agree. */
export function ipAddress(description: string) {
  return z
    .string()
    .max(45)
    .refine(isIPAddress, { message: ipRule.message })
    .meta({ description, 'x-kubernetes-validations': [ipRule] });
}

/** A CIDR field: zod refinement and CRD CEL rule agree. */
export function cidr(description: string) {
  return z
    .string()
    .max(49)
    .refine(isCIDR, { message: cidrRule.message })
    .meta({ description, 'x-kubernetes-validations': [cidrRule] });
}

/** An address pool: a CIDR or a `first-last` range. */
export function addressPool(description: string) {
  return z
    .string()
    .max(100)
    .refine((s) => isCIDR(s) || isAddressRange(s), { message: poolRule.message })
    .meta({ description, 'x-kubernetes-validations': [poolRule] });
}
