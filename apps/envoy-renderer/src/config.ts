// envoy-renderer's own settings on top of every worker's (libs/worker-runtime): where Envoy
// finds the ADS server, and how its pods are scheduled and sized.
import { z } from 'zod';
import {
  envoyLogLevels,
  envoyPodSettings,
  type EnvoyPodSettings,
  type Toleration,
} from '@epic/envoy-deployment';
import { nameList, namespaceScope, parseEnvironment } from '@epic/worker-runtime';

const labelMap = nameList.pipe(
  z
    .array(z.string().regex(/^[^=\s]+=[^=\s]*$/, 'each entry is key=value'))
    .transform((pairs) => Object.fromEntries(pairs.map((p) => p.split('=') as [string, string]))),
);

const Toleration = z.object({
  key: z.string().optional(),
  operator: z.enum(['Exists', 'Equal']).optional(),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
  tolerationSeconds: z.int().optional(),
});

const tolerationList = z
  .string()
  .default('[]')
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'a JSON list of tolerations' });
      return z.NEVER;
    }
  })
  .pipe(z.array(Toleration));

const port = z.coerce.number().int().min(1).max(65535);

export const RendererEnvConfig = z.object({
  /** The ADS server Envoy connects to: an IP or DNS name, and its port. */
  EPIC_XDS_ADDRESS: z.string().min(1),
  EPIC_XDS_PORT: port.default(18000),
  EPIC_ENVOY_ADMIN_PORT: port.default(19000),
  EPIC_ENVOY_READY_PORT: port.default(19001),
  EPIC_ENVOY_LOG_LEVEL: z.enum(envoyLogLevels).default('info'),
  /** `key=value,...`: where Envoy pods run (e.g. the EPIC nodes); empty = anywhere. */
  EPIC_ENVOY_NODE_SELECTOR: labelMap,
  /** A JSON list of core/v1 Tolerations for the Envoy pods. */
  EPIC_ENVOY_TOLERATIONS: tolerationList,
  /** Events handled at once per replica. */
  EPIC_ENVOY_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /**
   * Comma-separated namespaces to serve (default: all). For staged roll-outs and for tests that
   * share one cluster; in production leave it empty.
   */
  EPIC_ENVOY_NAMESPACES: nameList,
});

export interface RendererConfig {
  concurrency: number;
  settings: EnvoyPodSettings;
  /** Whether a namespace's proxies are this replica's to serve. */
  inScope: (namespace: string) => boolean;
}

export function loadRendererConfig(
  env: Readonly<Record<string, string | undefined>>,
): RendererConfig {
  const e = parseEnvironment(RendererEnvConfig, env);
  const tolerations: Toleration[] = e.EPIC_ENVOY_TOLERATIONS;
  return {
    concurrency: e.EPIC_ENVOY_CONCURRENCY,
    settings: envoyPodSettings(
      { address: e.EPIC_XDS_ADDRESS, port: e.EPIC_XDS_PORT },
      {
        adminPort: e.EPIC_ENVOY_ADMIN_PORT,
        readyPort: e.EPIC_ENVOY_READY_PORT,
        logLevel: e.EPIC_ENVOY_LOG_LEVEL,
        ...(Object.keys(e.EPIC_ENVOY_NODE_SELECTOR).length > 0
          ? { nodeSelector: e.EPIC_ENVOY_NODE_SELECTOR }
          : {}),
        ...(tolerations.length > 0 ? { tolerations } : {}),
      },
    ),
    inScope: namespaceScope(e.EPIC_ENVOY_NAMESPACES),
  };
}
