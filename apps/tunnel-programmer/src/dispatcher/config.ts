// The dispatcher's settings on top of every worker's (libs/worker-runtime).
import { z } from 'zod';
import { nameList, parseEnvironment } from '@epic/worker-runtime';

export const DispatcherEnvConfig = z.object({
  /**
   * Comma-separated namespaces to serve (default: all). For staged roll-outs and for tests that
   * share one cluster; in production leave it empty.
   */
  EPIC_TUNNEL_NAMESPACES: nameList,
  /** Label selector of the EPIC nodes (default: every node). */
  EPIC_TUNNEL_NODE_SELECTOR: z.string().default(''),
  /** Events handled at once; they share dispatches, so many may wait on one. */
  EPIC_TUNNEL_CONCURRENCY: z.coerce.number().int().min(1).max(1024).default(128),
  /** Pause before a dispatch starts, so a burst of events is served by one. */
  EPIC_TUNNEL_SETTLE_MS: z.coerce.number().int().min(0).max(60_000).default(200),
});

export interface DispatcherConfig {
  namespaces: string[];
  nodeSelector: string;
  concurrency: number;
  settleMs: number;
}

export function loadDispatcherConfig(
  env: Readonly<Record<string, string | undefined>>,
): DispatcherConfig {
  const e = parseEnvironment(DispatcherEnvConfig, env);
  return {
    namespaces: e.EPIC_TUNNEL_NAMESPACES,
    nodeSelector: e.EPIC_TUNNEL_NODE_SELECTOR,
    concurrency: e.EPIC_TUNNEL_CONCURRENCY,
    settleMs: e.EPIC_TUNNEL_SETTLE_MS,
  };
}
