// An address pool as written in a ServicePrefix (`public-pool` / `alt-pool`), checked and turned
// into numbers. Every rule the original left unchecked is a clear error here: a pool outside its
// subnet, a range that runs backwards, mixed families, an aggregation that does not fit.
import type { AddressPool } from '@epic/model';
import {
  familyBits,
  formatCidr,
  lastOf,
  networkOf,
  parseAddress,
  parseCidr,
  type Cidr,
  type Family,
} from './address.js';

export interface ParsedPool {
  /** Whose pool this is, for messages: `ServicePrefix "default" public-pool`. */
  label: string;
  /** The pool as written (`10.0.0.0/24`, `10.0.0.2 - 10.0.0.9`). */
  text: string;
  family: Family;
  first: bigint;
  last: bigint;
  /** Addresses in first..last that are never handed out (network, broadcast), ascending. */
  reserved: readonly bigint[];
  /** How many addresses can be handed out. */
  size: bigint;
  /** The subnet the pool lies in (network form). */
  subnet: Cidr;
  /** Prefix length of the route that carries a pool address to its Envoy pod. */
  aggregation: number;
}

export type PoolParse = { ok: true; pool: ParsedPool } | { ok: false; message: string };

interface AddressRange {
  family: Family;
  first: bigint;
  last: bigint;
  /** Set when the pool was written as a CIDR. */
  cidr?: Cidr;
}

type Checked<T> = T | { error: string };

function failed<T extends object>(value: Checked<T>): value is { error: string } {
  return 'error' in value;
}

/**
 * Checks a pool and turns it into numbers. `label` names the pool in every message, so an error
 * can be shown as is on the object that asked for an address.
 */
export function parsePool(spec: AddressPool, label: string): PoolParse {
  const checked = checkPool(spec);
  if (failed(checked)) return { ok: false, message: `${label}: ${checked.error}` };
  return { ok: true, pool: { ...checked, label, text: spec.pool } };
}

function checkPool(spec: AddressPool): Checked<Omit<ParsedPool, 'label' | 'text'>> {
  const subnet = parseCidr(spec.subnet);
  if (!subnet) return { error: `subnet "${spec.subnet}" is not a CIDR` };
  const range = parseRange(spec.pool);
  if (failed(range)) return range;
  const outside = outsideSubnet(spec, range, subnet);
  if (outside) return { error: outside };
  const aggregation = parseAggregation(spec.aggregation, subnet);
  if (failed(aggregation)) return aggregation;
  const reserved = reservedAddresses(range, subnet);
  const size = range.last - range.first + 1n - BigInt(reserved.length);
  if (size === 0n) return { error: `pool "${spec.pool}" holds no address that can be handed out` };
  const { family, first, last } = range;
  return { family, first, last, reserved, size, subnet, aggregation: aggregation.prefixLength };
}

function parseRange(text: string): Checked<AddressRange> {
  if (!text.includes('-')) return parseCidrRange(text);
  const ends = text.split('-').map((end) => parseAddress(end.trim()));
  const [first, last] = ends;
  if (ends.length !== 2 || !first || !last) {
    return { error: `pool "${text}" is neither a CIDR nor a range of two addresses (a-b)` };
  }
  if (first.family !== last.family) {
    return { error: `pool "${text}" mixes IPv4 and IPv6: both ends must be of one family` };
  }
  if (first.value > last.value) {
    return { error: `pool "${text}" runs backwards: its first address is above its last` };
  }
  return { family: first.family, first: first.value, last: last.value };
}

function parseCidrRange(text: string): Checked<AddressRange> {
  const cidr = parseCidr(text);
  if (!cidr)
    return { error: `pool "${text}" is neither a CIDR nor a range of two addresses (a-b)` };
  if (cidr.hostBitsSet) {
    // The original started such a pool at the written address; a typo should not do that silently.
    const network = formatCidr(cidr);
    return {
      error: `pool "${text}" has host bits set: write the network ${network} or a range a-b`,
    };
  }
  return { family: cidr.family, first: cidr.network, last: lastOf(cidr), cidr };
}

function outsideSubnet(spec: AddressPool, range: AddressRange, subnet: Cidr): string | undefined {
  if (range.family !== subnet.family) {
    return `pool "${spec.pool}" is IPv${range.family} but subnet "${spec.subnet}" is IPv${subnet.family}`;
  }
  if (range.first < subnet.network || range.last > lastOf(subnet)) {
    return `pool "${spec.pool}" is not inside subnet "${spec.subnet}": every pool address must lie in the subnet`;
  }
  return undefined;
}

function parseAggregation(text: string, subnet: Cidr): Checked<{ prefixLength: number }> {
  if (text === 'default') return { prefixLength: subnet.prefixLength };
  const prefixLength = Number(text.replace(/^\//, ''));
  const max = familyBits[subnet.family];
  if (!Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > max) {
    return {
      error: `aggregation "${text}" does not fit an IPv${subnet.family} address (use "default" or /${subnet.prefixLength}../${max})`,
    };
  }
  if (prefixLength < subnet.prefixLength) {
    return {
      error: `aggregation "${text}" is shorter than the subnet's /${subnet.prefixLength}: its route would cover addresses outside the subnet`,
    };
  }
  return { prefixLength };
}

/**
 * Addresses a pool never hands out. IPv4: the network and broadcast address of a pool written as
 * a CIDR and of the subnet (a /31 or /32 has neither, RFC 3021). IPv6: the subnet's all-zero
 * address, the Subnet-Router anycast address (RFC 4291 2.6.1).
 */
function reservedAddresses(range: AddressRange, subnet: Cidr): bigint[] {
  const candidates: bigint[] = [];
  if (range.family === 4) {
    for (const net of [range.cidr, subnet]) {
      if (net && net.prefixLength <= 30) candidates.push(net.network, lastOf(net));
    }
  } else if (subnet.prefixLength <= 126) {
    candidates.push(subnet.network);
  }
  const inside = candidates.filter((a) => a >= range.first && a <= range.last);
  return [...new Set(inside)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Why `address` (canonical text) cannot come from the pool, or undefined when it can. */
export function notInPool(pool: ParsedPool, address: string): string | undefined {
  const parsed = parseAddress(address);
  if (!parsed) return `"${address}" is not an IP address`;
  const where = `${pool.label} (pool ${pool.text})`;
  if (parsed.family !== pool.family || parsed.value < pool.first || parsed.value > pool.last) {
    return `${address} is not in ${where}`;
  }
  if (pool.reserved.includes(parsed.value)) {
    return `${address} is a network or broadcast address of ${where} and is never handed out`;
  }
  return undefined;
}

/** The address with the subnet's prefix length, as the Envoy pod's interface carries it. */
export function podAddressCidr(pool: ParsedPool, address: string): string {
  return `${address}/${pool.subnet.prefixLength}`;
}

/** The route that carries `address` to its pod: the network of address/aggregation. */
export function aggregateRoute(pool: ParsedPool, address: string): string {
  const parsed = parseAddress(address);
  if (!parsed || parsed.family !== pool.family) {
    throw new RangeError(`aggregateRoute: "${address}" is not an IPv${pool.family} address`);
  }
  const prefixLength = pool.aggregation;
  return formatCidr({
    family: pool.family,
    network: networkOf(parsed, prefixLength),
    prefixLength,
  });
}
