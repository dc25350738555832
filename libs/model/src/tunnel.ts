// GUE tunnels between client nodes and EPIC nodes, as kept in a LoadBalancer's or GWProxy's
// status. The seed's map holds one EPIC endpoint per client node; `epic-endpoints` lists every
// (client node, EPIC node) pair once a proxy's replicas span several EPIC nodes.
import { z } from 'zod';
import { EpicPort, Int32, Uint32 } from './common.js';

/** One tunnel to an EPIC node. */
export const GueTunnelEndpoint = z.object({
  'epic-address': z
    .string()
    .optional()
    .meta({ description: 'Address of the EPIC node that terminates the tunnel.' }),
  'epic-port': EpicPort.prefault({}),
  'tunnel-id': Uint32.optional().meta({
    description: 'System-wide unique tunnel ID, allocated from EPIC status.current-tunnel-id.',
  }),
});
export type GueTunnelEndpoint = z.infer<typeof GueTunnelEndpoint>;

/** The tunnels of one client node: the first EPIC node's tunnel plus every pair. */
export const GueClientTunnels = GueTunnelEndpoint.extend({
  'epic-endpoints': z
    .record(z.string(), GueTunnelEndpoint)
    .optional()
    .meta({ description: 'EPIC node address -> tunnel, one per (client node, EPIC node) pair.' }),
});
export type GueClientTunnels = z.infer<typeof GueClientTunnels>;

/** Client node address -> its tunnels. */
export const GueTunnelEndpoints = z
  .record(z.string(), GueClientTunnels)
  .meta({ description: 'Client node address -> tunnel endpoint on EPIC.' });
export type GueTunnelEndpoints = z.infer<typeof GueTunnelEndpoints>;

/** Where an Envoy pod's veth sits, as found on its EPIC node. */
export const ProxyInterfaceInfo = z.object({
  'epic-node-address': z.string().optional().meta({ description: 'EPIC node hosting the pod.' }),
  'epic-port': EpicPort.prefault({}),
  index: Int32.min(0).optional().meta({ description: 'ifindex of the pod veth.' }),
  name: z.string().optional().meta({ description: 'Interface name of the pod veth.' }),
});
export type ProxyInterfaceInfo = z.infer<typeof ProxyInterfaceInfo>;

/** Envoy pod name -> interface info. */
export const ProxyInterfaces = z
  .record(z.string(), ProxyInterfaceInfo)
  .meta({ description: 'Envoy pod name -> its interface on the EPIC node.' });
