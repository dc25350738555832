// Installation-wide settings of every Envoy pod: where the ADS server is, the admin and readiness
// ports, resources and scheduling. They come from envoy-renderer's configuration, not from the
// CRs, so an operator can tune them without touching tenants' objects.
import type { Labels, ResourceRequirements, Toleration } from './manifests.js';

export interface XdsServerAddress {
  /** An IP address or a DNS name (e.g. `xds-server.epic.svc`). */
  address: string;
  port: number;
}

export const envoyLogLevels = [
  'trace',
  'debug',
  'info',
  'warning',
  'error',
  'critical',
  'off',
] as const;
export type EnvoyLogLevel = (typeof envoyLogLevels)[number];

export interface EnvoyPodSettings {
  xds: XdsServerAddress;
  /** Envoy's admin API, bound to 127.0.0.1 only: it can drain and quit the proxy. */
  adminPort: number;
  /**
   * The readiness listener on every address of the pod: it forwards `/ready` (and nothing
   * else) to the admin API, so the kubelet can probe without the admin API being exposed.
   */
  readyPort: number;
  resources: ResourceRequirements;
  /** Where Envoy pods may run (e.g. the EPIC nodes); none = anywhere. */
  nodeSelector?: Labels;
  tolerations?: Toleration[];
  logLevel: EnvoyLogLevel;
  /** The official Envoy image's `envoy` user. */
  runAsUser: number;
}

export const defaultEnvoyResources: ResourceRequirements = {
  requests: { cpu: '100m', memory: '128Mi' },
  limits: { cpu: '2', memory: '1Gi' },
};

/** The settings with defaults for everything but the xDS server. */
export function envoyPodSettings(
  xds: XdsServerAddress,
  overrides: Partial<Omit<EnvoyPodSettings, 'xds'>> = {},
): EnvoyPodSettings {
  return {
    xds,
    adminPort: 19000,
    readyPort: 19001,
    resources: defaultEnvoyResources,
    logLevel: 'info',
    runAsUser: 101,
    ...overrides,
  };
}
