// IP addresses as numbers: an IPv4 address is a 32-bit and an IPv6 address a 128-bit BigInt, so
// a pool is two numbers and "the next free address" is arithmetic, never an enumeration of the
// pool. Text is parsed with the apiserver's own rules first (isIPAddress of @epic/model, the
// CEL isIP() semantics), because ipaddr.js alone also accepts forms such as `10.1` or `0x0a.0.0.1`.
import ipaddr from 'ipaddr.js';
import { isCIDR, isIPAddress } from '@epic/model';

export type Family = 4 | 6;

/** Address width in bits per family. */
export const familyBits: Readonly<Record<Family, number>> = { 4: 32, 6: 128 };

export interface Address {
  family: Family;
  value: bigint;
}

export interface Cidr {
  family: Family;
  /** The network address (host bits cleared). */
  network: bigint;
  prefixLength: number;
  /** Whether the text had host bits set (`10.0.0.5/24`). */
  hostBitsSet: boolean;
}

/** The address, or undefined when `text` is not one (as the apiserver's isIP() decides). */
export function parseAddress(text: string): Address | undefined {
  if (!isIPAddress(text)) return undefined;
  const parsed = ipaddr.parse(withHexTail(text));
  const family: Family = parsed.kind() === 'ipv4' ? 4 : 6;
  const value = parsed.toByteArray().reduce((n, byte) => (n << 8n) | BigInt(byte), 0n);
  return { family, value };
}

/**
 * An IPv6 address with its IPv4 tail (`::1.2.3.4`) written as two hex groups (`::102:304`):
 * ipaddr.js reads any such tail as IPv4-mapped (`::ffff:1.2.3.4`), the apiserver does not.
 */
function withHexTail(text: string): string {
  const tail = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (!tail) return text;
  const [a, b, c, d] = tail.slice(2).map(Number) as [number, number, number, number];
  return `${tail[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

/** Dotted quad for IPv4, RFC 5952 (lowercase, shortest) for IPv6: one text per address. */
export function formatAddress({ family, value }: Address): string {
  const bytes: number[] = [];
  for (let i = familyBits[family] / 8 - 1; i >= 0; i--) {
    bytes.push(Number((value >> BigInt(i * 8)) & 0xffn));
  }
  const parsed = ipaddr.fromByteArray(bytes);
  return parsed.kind() === 'ipv6' ? (parsed as ipaddr.IPv6).toRFC5952String() : parsed.toString();
}

/** The canonical text of an address (`2001:DB8:0::1` -> `2001:db8::1`), or undefined. */
export function canonicalAddress(text: string): string | undefined {
  const address = parseAddress(text);
  return address && formatAddress(address);
}

/** `a/n` as a network, or undefined when it is not a CIDR (as the apiserver's isCIDR() decides). */
export function parseCidr(text: string): Cidr | undefined {
  if (!isCIDR(text)) return undefined;
  const slash = text.lastIndexOf('/');
  const address = parseAddress(text.slice(0, slash));
  if (!address) return undefined;
  const prefixLength = Number(text.slice(slash + 1));
  const network = networkOf(address, prefixLength);
  return {
    family: address.family,
    network,
    prefixLength,
    hostBitsSet: network !== address.value,
  };
}

/** The address with every bit past `prefixLength` cleared. */
export function networkOf({ family, value }: Address, prefixLength: number): bigint {
  const hostBits = BigInt(familyBits[family] - prefixLength);
  return (value >> hostBits) << hostBits;
}

/** The last address of a network (all host bits set): the IPv4 broadcast address. */
export function lastOf(cidr: Pick<Cidr, 'family' | 'network' | 'prefixLength'>): bigint {
  const hostBits = BigInt(familyBits[cidr.family] - cidr.prefixLength);
  return cidr.network | ((1n << hostBits) - 1n);
}

/** `10.0.0.0/24`. */
export function formatCidr(cidr: Pick<Cidr, 'family' | 'network' | 'prefixLength'>): string {
  return `${formatAddress({ family: cidr.family, value: cidr.network })}/${cidr.prefixLength}`;
}
