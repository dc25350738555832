// address-allocator's own settings on top of every worker's (libs/worker-runtime).
import { z } from 'zod';
import { coreNamespace } from '@epic/model';
import { nameList, namespaceScope, parseEnvironment } from '@epic/worker-runtime';
import { defaultWriterOptions, type PrefixWriterOptions } from './prefix-writer.js';
import type { Scope } from './route-event.js';

export const AddressAllocatorEnvConfig = z.object({
  /**
   * Events handled at once per replica. Handlers mostly wait for the apiserver, and the claims
   * of concurrent handlers on one ServicePrefix share a write, so this also bounds a batch.
   */
  EPIC_ADDRESS_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(64),
  /** Upper bound on the claims and releases of one ServicePrefix Update. */
  EPIC_ADDRESS_MAX_BATCH: z.coerce.number().int().min(1).max(1024).default(256),
  /** How long a ServicePrefix write waits for more claims to join it (ms). */
  EPIC_ADDRESS_LINGER_MS: z.coerce.number().int().min(0).max(1000).default(50),
  /**
   * Comma-separated account namespaces to serve (default: all). For staged roll-outs and for
   * tests that share one cluster; in production leave it empty.
   */
  EPIC_ADDRESS_NAMESPACES: nameList,
  /** Comma-separated ServicePrefixes whose stale claims this replica reclaims (default: all). */
  EPIC_ADDRESS_SERVICE_PREFIXES: nameList,
});

export interface AddressAllocatorConfig {
  concurrency: number;
  batching: PrefixWriterOptions;
  inScope: Scope;
}

export function loadAddressAllocatorConfig(
  env: Readonly<Record<string, string | undefined>>,
): AddressAllocatorConfig {
  const e = parseEnvironment(AddressAllocatorEnvConfig, env);
  return {
    concurrency: e.EPIC_ADDRESS_CONCURRENCY,
    batching: {
      ...defaultWriterOptions,
      maxBatch: e.EPIC_ADDRESS_MAX_BATCH,
      lingerMs: e.EPIC_ADDRESS_LINGER_MS,
    },
    inScope: scope(e.EPIC_ADDRESS_NAMESPACES, e.EPIC_ADDRESS_SERVICE_PREFIXES),
  };
}

/** Owners by namespace, ServicePrefixes (in the core namespace) by name; empty lists: all. */
export function scope(namespaces: readonly string[], servicePrefixes: readonly string[]): Scope {
  const servesNamespace = namespaceScope(namespaces);
  const sps = new Set(servicePrefixes);
  return ({ kind, namespace, name }) => {
    if (kind === 'ServicePrefix')
      return namespace === coreNamespace && (sps.size === 0 || sps.has(name));
    return namespace !== undefined && servesNamespace(namespace);
  };
}
