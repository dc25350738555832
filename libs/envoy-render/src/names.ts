// Envoy resource names. Each proxy has its own xDS snapshot, but names still start from the
// proxy's namespace/name so logs, stats and a shared cache can tell proxies apart. Names are
// RFC 1123 labels (max 63): safe as stat prefixes and as metric label values. A name that does
// not fit is shortened with a hash of the original (@epic/model deriveName), never truncated
// into a collision.
import { deriveName, xdsNodeId } from '@epic/model';

export interface ProxyRef {
  readonly namespace: string;
  readonly name: string;
}

export type TransportProtocol = 'TCP' | 'UDP';

export function nodeIdOf(proxy: ProxyRef): string {
  return xdsNodeId(proxy.namespace, proxy.name);
}

/** A listener (and an HTTP listener's RouteConfiguration): `<ns>-<name>-<tcp|udp>-<port>`. */
export function listenerName(proxy: ProxyRef, protocol: TransportProtocol, port: number): string {
  return deriveName([proxy.namespace, proxy.name, protocol.toLowerCase(), String(port)]);
}

/**
 * The cluster behind one LoadBalancer port: `<ns>-<name>-<tcp|udp>-<port>`. One cluster per
 * port, not per client cluster: the endpoints of every client cluster sharing the LB balance
 * together, and a client cluster without endpoints gets no share of the traffic.
 */
export function loadBalancerClusterName(
  proxy: ProxyRef,
  protocol: TransportProtocol,
  port: number,
): string {
  return listenerName(proxy, protocol, port);
}

/**
 * The cluster of a Gateway backend: the client Service (named by its UID in backendRefs), and
 * its port when the backendRef names one: `<ns>-<service uid>[-<port>]`.
 */
export function backendClusterName(namespace: string, serviceUid: string, port?: number): string {
  return deriveName(
    port === undefined ? [namespace, serviceUid] : [namespace, serviceUid, String(port)],
  );
}
