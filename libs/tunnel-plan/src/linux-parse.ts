// Parses iproute2's JSON read-back for the linux driver. Shapes follow iproute2's printers
// (ip/link_gre.c, ip/tunnel.c, ip/ipfou.c): `ip -d -j link show` gives a GRE device's
// linkinfo.info_data {remote, local, ikey, okey, encap: {type, sport, dport}} with keys printed
// as dotted quads ("0.0.0.42") and an auto source port as 0; `ip -j fou show` gives
// {port, gue: null | ipproto, family, local?, peer?, dev?}; `ip -j route show` gives {dst, dev}.
import { z } from 'zod';
import type { Resource } from './diff.js';
import { ReadbackParseError } from './driver.js';

export const fouKind = 'fou';
export const deviceKind = 'device';
export const routeKind = 'route';

const devicePrefix = 'epic';
const deviceName = /^epic([1-9]\d{0,9})$/;
const uint32Max = 4294967295;

/** `epic<tunnel ID>`: at most 14 characters, within IFNAMSIZ (15 + NUL) for every 32-bit ID. */
export function linuxDeviceName(tunnelId: number): string {
  if (!Number.isInteger(tunnelId) || tunnelId < 1 || tunnelId > uint32Max) {
    throw new Error(`tunnel ID ${tunnelId} is not a 32-bit ID above 0`);
  }
  return `${devicePrefix}${tunnelId}`;
}

/** The tunnel ID of a device this driver named, or undefined for anyone else's device. */
export function tunnelIdOfDevice(name: string): number | undefined {
  const m = deviceName.exec(name);
  const id = m ? Number(m[1]) : undefined;
  return id !== undefined && id <= uint32Max ? id : undefined;
}

const GreKey = z.union([z.string(), z.number()]);
// Defaults stand for what iproute2 leaves out: no linkinfo without -d, no encap without one.
const Encap = z.looseObject({
  type: z
    .string()
    .nullable()
    .default('none')
    .transform((type) => type ?? 'unknown'),
  sport: z.number().default(0),
  dport: z.number().default(0),
});
const LinkJson = z.looseObject({
  ifname: z.string(),
  flags: z.array(z.string()).default([]),
  linkinfo: z
    .looseObject({
      info_kind: z.string().default('unknown'),
      info_data: z
        .looseObject({
          remote: z.string().default('any'),
          local: z.string().default('any'),
          ikey: GreKey.optional(),
          encap: Encap.prefault({}),
        })
        .prefault({}),
    })
    .prefault({}),
});
const FouJson = z.looseObject({
  port: z.number(),
  gue: z.null().optional(),
  ipproto: z.number().optional(),
  family: z.string().optional(),
  local: z.string().optional(),
  peer: z.string().optional(),
  dev: z.string().optional(),
});
const RouteJson = z.looseObject({ dst: z.string(), dev: z.string().optional() });

function parseJsonArray<S extends z.ZodType>(
  source: string,
  output: string,
  schema: S,
): z.infer<S>[] {
  if (output.trim() === '') return [];
  let json: unknown;
  try {
    json = JSON.parse(output);
  } catch (cause) {
    throw new ReadbackParseError(source, 'not JSON', { cause });
  }
  const parsed = z.array(schema).safeParse(json);
  if (!parsed.success) throw new ReadbackParseError(source, z.prettifyError(parsed.error));
  return parsed.data;
}

/** A GRE key as printed: a dotted quad (iproute2 >= 4.x) or a plain number. */
export function greKeyValue(key: string | number | undefined): number | undefined {
  if (typeof key === 'number') return key;
  const parts = key?.split('.');
  if (parts?.length !== 4) return key === undefined || key === '' ? undefined : Number(key);
  return parts.reduce((value, part) => value * 256 + Number(part), 0);
}

type LinkJson = z.infer<typeof LinkJson>;

function deviceResource(link: LinkJson): Resource {
  const data = link.linkinfo.info_data;
  const spec = {
    type: link.linkinfo.info_kind,
    remote: data.remote,
    local: data.local,
    key: greKeyValue(data.ikey) ?? 0,
    encap: data.encap.type,
    sport: data.encap.sport,
    dport: data.encap.dport,
    up: link.flags.includes('UP'),
  };
  return { kind: deviceKind, id: link.ifname, spec };
}

/** Our devices (named `epic<id>`) from `ip -d -j link show`. */
export function parseIpLinkShow(output: string): Resource[] {
  return parseJsonArray('ip -d -j link show', output, LinkJson)
    .filter((link) => tunnelIdOfDevice(link.ifname) !== undefined)
    .map(deviceResource);
}

/**
 * Unbound IPv4 FOU/GUE listeners from `ip -j fou show`. Listeners bound to an address, peer or
 * device are someone else's configuration and are not reported.
 */
export function parseIpFouShow(output: string): Resource[] {
  return parseJsonArray('ip -j fou show', output, FouJson)
    .filter((fou) => (fou.family ?? 'inet') === 'inet' && !fou.local && !fou.peer && !fou.dev)
    .map((fou) => ({
      kind: fouKind,
      id: String(fou.port),
      spec: { type: fou.gue === null ? 'gue' : `ipproto-${fou.ipproto ?? 0}` },
    }));
}

/** Routes through our devices from `ip -j route show`; a host route's id is its address. */
export function parseIpRouteShow(output: string): Resource[] {
  return parseJsonArray('ip -j route show', output, RouteJson)
    .filter((route) => route.dev !== undefined && tunnelIdOfDevice(route.dev) !== undefined)
    .map((route) => ({
      kind: routeKind,
      id: route.dst.replace(/\/32$/, ''),
      spec: { dev: route.dev! },
    }));
}

/** Resources from the outputs of [`ip -d -j link show`, `ip -j fou show`, `ip -j route show`]. */
export function linuxActual(outputs: readonly string[]): Resource[] {
  return [
    ...parseIpFouShow(outputs[1] ?? ''),
    ...parseIpLinkShow(outputs[0] ?? ''),
    ...parseIpRouteShow(outputs[2] ?? ''),
  ];
}
