// xds-server's own settings on top of every worker's (libs/worker-runtime).
import { z } from 'zod';
import { nameList, namespaceScope, parseEnvironment } from '@epic/worker-runtime';

export const XdsEnvConfig = z.object({
  /** Where Envoys and gRPC clients connect (ADS, plain gRPC). */
  EPIC_XDS_HOST: z.string().min(1).default('0.0.0.0'),
  EPIC_XDS_PORT: z.coerce.number().int().min(0).max(65535).default(18000),
  /** Events handled at once; renders of one proxy never overlap whatever this is. */
  EPIC_XDS_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /**
   * Comma-separated namespaces to serve (default: all, with cluster-wide lists). For staged
   * roll-outs and for tests that share one cluster.
   */
  EPIC_XDS_NAMESPACES: nameList,
});

export interface XdsConfig {
  host: string;
  port: number;
  concurrency: number;
  /** undefined = every namespace. */
  namespaces: readonly string[] | undefined;
  inScope: (namespace: string) => boolean;
}

export function loadXdsConfig(env: Readonly<Record<string, string | undefined>>): XdsConfig {
  const e = parseEnvironment(XdsEnvConfig, env);
  const namespaces = e.EPIC_XDS_NAMESPACES.length === 0 ? undefined : e.EPIC_XDS_NAMESPACES;
  return {
    host: e.EPIC_XDS_HOST,
    port: e.EPIC_XDS_PORT,
    concurrency: e.EPIC_XDS_CONCURRENCY,
    namespaces,
    inScope: namespaceScope(e.EPIC_XDS_NAMESPACES),
  };
}
