// A Gateway's listeners -> one Envoy listener per port, and which routes attach where. Gateway
// listeners on the same port and of the same kind share one Envoy listener (an HTTP listener's
// hostnames become virtual hosts of one RouteConfiguration). The original merged them through
// a map and emitted duplicates or dropped routes at random; here the result is sorted by port
// and, within a port, the first listener in the Gateway's order decides the kind.
import type { GatewayListener, GWProxyInput, GWRouteInput, ParentReference } from '@epic/model';
import { hostnameProblem } from './hostnames.js';
import type { ProxyRef } from './names.js';
import type { ListenerKind } from './template/schema.js';

/** UDP listeners need UDPRoutes, which EPIC does not carry. */
const kindByProtocol: Readonly<Record<string, ListenerKind | undefined>> = {
  HTTP: 'http',
  HTTPS: 'https',
  TCP: 'tcp',
  // TLS passthrough: the TCP proxy forwards the encrypted stream as it is.
  TLS: 'tcp',
};

export interface PortGroup {
  readonly port: number;
  readonly kind: ListenerKind;
  /** The Gateway listeners served by this Envoy listener, in the Gateway's order. */
  readonly listeners: readonly GatewayListener[];
}

function usable(listener: GatewayListener, report: (message: string) => void): boolean {
  const where = `listener "${listener.name}" (port ${listener.port})`;
  if (!kindByProtocol[listener.protocol]) {
    report(
      `${where}: protocol ${listener.protocol} is not supported (HTTP, HTTPS, TLS, TCP); skipped`,
    );
    return false;
  }
  const problem = listener.hostname ? hostnameProblem(listener.hostname) : undefined;
  if (problem) report(`${where}: ${problem}; skipped`);
  return problem === undefined;
}

/** The Envoy listeners a Gateway needs, sorted by port. */
export function portGroups(proxy: GWProxyInput, report: (message: string) => void): PortGroup[] {
  const groups = new Map<number, { kind: ListenerKind; listeners: GatewayListener[] }>();
  const listeners = proxy.spec.gateway?.listeners ?? [];
  if (listeners.length === 0) report('the Gateway has no listeners; nothing to serve');
  for (const listener of listeners) {
    if (!usable(listener, report)) continue;
    const kind = kindByProtocol[listener.protocol]!;
    const group = groups.get(listener.port);
    if (!group) groups.set(listener.port, { kind, listeners: [listener] });
    else if (group.kind === kind) group.listeners.push(listener);
    else {
      report(
        `listener "${listener.name}" (${listener.protocol}) conflicts with listener ` +
          `"${group.listeners[0]!.name}" on port ${listener.port}; skipped`,
      );
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([port, group]) => ({ port, ...group }));
}

function parentRefs(route: GWRouteInput): readonly ParentReference[] {
  return route.spec.http?.parentRefs ?? route.spec.tcp?.parentRefs ?? [];
}

function namesProxy(ref: ParentReference, proxy: ProxyRef): boolean {
  return ref.name === proxy.name && (!ref.namespace || ref.namespace === proxy.namespace);
}

/** Whether any parentRef of the route names this proxy (kind and group are not checked). */
export function refersTo(route: GWRouteInput, proxy: ProxyRef): boolean {
  return parentRefs(route).some((ref) => namesProxy(ref, proxy));
}

/** Whether the route attaches to a Gateway listener: by sectionName and port when given. */
export function attachesTo(
  route: GWRouteInput,
  proxy: ProxyRef,
  listener: GatewayListener,
): boolean {
  return parentRefs(route).some(
    (ref) =>
      namesProxy(ref, proxy) &&
      (ref.sectionName === undefined || ref.sectionName === listener.name) &&
      (ref.port === undefined || ref.port === listener.port),
  );
}

/**
 * Whether a parentRef picks the listener out by sectionName or port. A route attached to
 * every listener simply skips those of another protocol; one that names such a listener is
 * misconfigured and is told so.
 */
export function namesListener(
  route: GWRouteInput,
  proxy: ProxyRef,
  listener: GatewayListener,
): boolean {
  return parentRefs(route).some(
    (ref) =>
      namesProxy(ref, proxy) && (ref.sectionName === listener.name || ref.port === listener.port),
  );
}
