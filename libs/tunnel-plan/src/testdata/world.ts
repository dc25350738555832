// Small builders for planner inputs. Tunnel maps go through @epic/model's schema, so they carry
// the same defaults (epic-port 6080/UDP/gue) as maps read from the API.
import { GueTunnelEndpoints, type Protocol } from '@epic/model';
import type {
  EpicNode,
  ProxyInterface,
  ProxyPod,
  ProxyRef,
  TunnelProxy,
  UpstreamEndpoint,
} from '../inputs.js';

export const epic1: EpicNode = { name: 'epic-1', address: '192.168.1.40' };
export const epic2: EpicNode = { name: 'epic-2', address: '192.168.1.41' };
export const epic3: EpicNode = { name: 'epic-3', address: '192.168.1.9' };

export const clientA = '192.168.1.16';
export const clientB = '192.168.1.25';

export function lbRef(name: string, namespace = 'epic-acme'): ProxyRef {
  return { kind: 'LoadBalancer', namespace, name };
}

export function gwpRef(name: string, namespace = 'epic-acme'): ProxyRef {
  return { kind: 'GWProxy', namespace, name };
}

export interface ClientTunnels {
  /** The seed fields: epic-address (absent: not yet written) and tunnel-id. */
  seed?: { address?: string; id?: number };
  /** epic-endpoints: EPIC node address -> tunnel ID. */
  pairs?: Record<string, number>;
}

export function tunnelMap(clients: Record<string, ClientTunnels>): GueTunnelEndpoints {
  const raw = Object.fromEntries(
    Object.entries(clients).map(([client, { seed, pairs }]) => [
      client,
      {
        ...(seed?.address === undefined ? {} : { 'epic-address': seed.address }),
        ...(seed?.id === undefined ? {} : { 'tunnel-id': seed.id }),
        ...(pairs === undefined
          ? {}
          : {
              'epic-endpoints': Object.fromEntries(
                Object.entries(pairs).map(([epic, id]) => [
                  epic,
                  { 'epic-address': epic, 'tunnel-id': id },
                ]),
              ),
            }),
      },
    ]),
  );
  return GueTunnelEndpoints.parse(raw);
}

export function endpoint(
  address: string,
  nodeAddress: string | undefined,
  port = 8080,
  protocol: Protocol = 'TCP',
): UpstreamEndpoint {
  return { address, port, protocol, nodeAddress };
}

export function proxy(ref: ProxyRef, fields: Partial<Omit<TunnelProxy, 'ref'>> = {}): TunnelProxy {
  return { ref, deleting: false, endpoints: [], ...fields };
}

export function pod(
  name: string,
  proxyRef: ProxyRef,
  node: EpicNode,
  iface?: ProxyInterface,
): ProxyPod {
  return { name, proxy: proxyRef, nodeName: node.name, podIP: '10.244.0.5', interface: iface };
}

/** The seed's LoadBalancer: tunnels 2 (192.168.1.16) and 1 (192.168.1.25) to 192.168.1.40. */
export function seedLoadBalancer(): TunnelProxy {
  return proxy(lbRef('sample-acnodal', 'epic-root'), {
    groupId: 1,
    serviceId: 1,
    tunnelKey: 'AAAAAAAAAAAAAAAAAAAAAA==',
    tunnels: tunnelMap({
      [clientA]: { seed: { address: epic1.address, id: 2 } },
      [clientB]: { seed: { address: epic1.address, id: 1 } },
    }),
    endpoints: [endpoint('10.1.0.7', clientA, 8080), endpoint('10.1.1.3', clientB, 8080)],
  });
}

export function seedPod(): ProxyPod {
  return pod('envoy-sample-0', lbRef('sample-acnodal', 'epic-root'), epic1, {
    index: 16,
    name: 'veth67060f1f',
  });
}
