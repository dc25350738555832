// Finding the node side of an Envoy pod's veth, from iproute2's JSON. Pure: the commands are run
// by pod-interfaces.ts. The pod's network namespace is the one holding the pod IP; inside it
// the interface with that IP is one end of a veth whose other end sits in the node's namespace.
// From the node, that other end reports `link_index` (the pod end's ifindex) and
// `link_netnsid` (the pod namespace's id as the node sees it, which `ip -j netns list` run on
// the node also prints). Both must match: ifindexes repeat across namespaces (every pod's eth0
// is often ifindex 2 or 3), so link_index alone would be ambiguous.
import { z } from 'zod';
import type { ProxyInterface } from '@epic/tunnel-plan';

const NetnsList = z.array(z.looseObject({ name: z.string(), id: z.int().optional() }));
const Links = z.array(
  z.looseObject({
    ifindex: z.int(),
    ifname: z.string(),
    link_index: z.int().optional(),
    link_netnsid: z.int().optional(),
    linkinfo: z.looseObject({ info_kind: z.string().optional() }).optional(),
  }),
);
const Addrs = z.array(
  z.looseObject({
    ifindex: z.int(),
    ifname: z.string(),
    addr_info: z.array(z.looseObject({ local: z.string().optional() })).default([]),
  }),
);

function parseJson<S extends z.ZodType>(what: string, output: string, schema: S): z.infer<S> {
  const text = output.trim() === '' ? '[]' : output;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${what} did not print JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`${what} printed unexpected JSON: ${parsed.error.message}`);
  return parsed.data;
}

/** Named namespaces with the id the node gives them; those without an id have no veth to the node. */
export function parseNetnsList(output: string): { name: string; id: number }[] {
  return parseJson('ip -j netns list', output, NetnsList).flatMap((ns) =>
    ns.id === undefined ? [] : [{ name: ns.name, id: ns.id }],
  );
}

/** Veths of the node whose peer is in another namespace. */
export interface NodeVeth {
  ifindex: number;
  ifname: string;
  peerIfindex: number;
  peerNetnsId: number;
}

export function parseNodeVeths(output: string): NodeVeth[] {
  return parseJson('ip -d -j link show', output, Links).flatMap((link) =>
    link.linkinfo?.info_kind === 'veth' &&
    link.link_index !== undefined &&
    link.link_netnsid !== undefined
      ? [
          {
            ifindex: link.ifindex,
            ifname: link.ifname,
            peerIfindex: link.link_index,
            peerNetnsId: link.link_netnsid,
          },
        ]
      : [],
  );
}

/** Address -> ifindex of the interface holding it, inside one namespace. */
export function parseAddressOwners(output: string): Map<string, number> {
  const owners = new Map<string, number>();
  for (const link of parseJson('ip -j addr show', output, Addrs)) {
    for (const addr of link.addr_info) if (addr.local) owners.set(addr.local, link.ifindex);
  }
  return owners;
}

/** The node-side veth whose peer is `ifindex` in the namespace the node calls `netnsId`. */
export function nodeSideOf(
  veths: readonly NodeVeth[],
  peer: { netnsId: number; ifindex: number },
): ProxyInterface | undefined {
  const veth = veths.find((v) => v.peerNetnsId === peer.netnsId && v.peerIfindex === peer.ifindex);
  return veth && { index: veth.ifindex, name: veth.ifname };
}
