// How little an Envoy pod may do: not root, no privilege escalation, read-only root filesystem,
// every capability dropped, RuntimeDefault seccomp, no service-account token. A proxy with a
// public port below 1024 needs to bind it, and that is the one thing added back.
import type {
  ContainerPortManifest,
  ContainerSecurityContext,
  PodSecurityContext,
} from './manifests.js';
import type { EnvoyPodSettings } from './pod-settings.js';
import type { ProxyPort } from './proxy-source.js';

export const privilegedPortLimit = 1024;

/**
 * One container port per distinct (port, protocol) of the proxy, sorted, then the readiness
 * port. Duplicates would fail the apply: the API keys the list by port and protocol.
 */
export function containerPorts(
  ports: readonly ProxyPort[],
  settings: Pick<EnvoyPodSettings, 'readyPort'>,
): ContainerPortManifest[] {
  const distinct = new Map(ports.map((p) => [`${p.port}/${p.protocol}`, p]));
  const publicPorts = [...distinct.values()]
    .sort((a, b) => a.port - b.port || (a.protocol < b.protocol ? -1 : 1))
    .map((p): ContainerPortManifest => ({ containerPort: p.port, protocol: p.protocol }));
  return [...publicPorts, { name: 'ready', containerPort: settings.readyPort, protocol: 'TCP' }];
}

/** The lowest port below 1024 the pod listens on, if any. */
export function lowestPrivilegedPort(ports: readonly ContainerPortManifest[]): number | undefined {
  const low = ports.map((p) => p.containerPort).filter((p) => p < privilegedPortLimit);
  return low.length === 0 ? undefined : Math.min(...low);
}

/**
 * NET_BIND_SERVICE is added as the policy asks, but a non-root process under
 * no_new_privs (allowPrivilegeEscalation: false) never gets it in its effective set; what lets
 * Envoy bind the port is the namespaced, "safe" sysctl in the pod's context below.
 */
export function containerSecurityContext(lowPort: number | undefined): ContainerSecurityContext {
  return {
    runAsNonRoot: true,
    privileged: false,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities:
      lowPort === undefined ? { drop: ['ALL'] } : { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
  };
}

/** Ports from `lowPort` up become bindable without privilege, in this pod's network only. */
export function podSecurityContext(
  settings: Pick<EnvoyPodSettings, 'runAsUser'>,
  lowPort: number | undefined,
): PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: settings.runAsUser,
    runAsGroup: settings.runAsUser,
    seccompProfile: { type: 'RuntimeDefault' },
    ...(lowPort === undefined
      ? {}
      : { sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: String(lowPort) }] }),
  };
}
