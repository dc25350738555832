// id-allocator's own settings on top of every worker's (libs/worker-runtime).
import { z } from 'zod';
import { nameList, namespaceScope, parseEnvironment } from '@epic/worker-runtime';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const AllocatorEnvConfig = z.object({
  /** Events handled at once per replica; concurrent claims on one parent are grouped. */
  EPIC_ID_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(32),
  /** Group commit of claims; `false` only to measure the difference. */
  EPIC_ID_BATCHING: flag.default(true),
  EPIC_ID_MAX_BATCH: z.coerce.number().int().min(1).max(1024).default(64),
  /**
   * Comma-separated namespaces to serve (default: all). For staged roll-outs and for tests that
   * share one cluster; in production leave it empty.
   */
  EPIC_ID_NAMESPACES: nameList,
});

export interface AllocatorConfig {
  concurrency: number;
  batching: { enabled: boolean; maxBatch: number };
  /** Whether events of a namespace are this replica's to serve. */
  inScope: (namespace: string) => boolean;
}

export function loadAllocatorConfig(
  env: Readonly<Record<string, string | undefined>>,
): AllocatorConfig {
  const e = parseEnvironment(AllocatorEnvConfig, env);
  return {
    concurrency: e.EPIC_ID_CONCURRENCY,
    batching: { enabled: e.EPIC_ID_BATCHING, maxBatch: e.EPIC_ID_MAX_BATCH },
    inScope: namespaceScope(e.EPIC_ID_NAMESPACES),
  };
}
