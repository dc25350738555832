// The ServicePrefix that `prefix create` writes, from its flags. zod (the same schema the CRD
// is generated from) checks every field; a failure names the flag, not the JSON path.
import {
  apiVersionV1,
  coreNamespace,
  partOfEpicLabels,
  ServicePrefixSpec,
  type ServicePrefixInput,
} from '@epic/model';
import type { z } from 'zod';
import { usageError } from '../exit-codes.js';
import { poolOutsideSubnet } from './pool-in-subnet.js';

export interface PrefixFlags {
  pool: string;
  subnet?: string;
  aggregation?: string;
  multusBridge?: string;
  altPool?: string;
  altSubnet?: string;
  altAggregation?: string;
  altMultusBridge?: string;
}

const flagOfPath: Record<string, string> = {
  'public-pool.pool': '--pool',
  'public-pool.subnet': '--subnet',
  'public-pool.aggregation': '--aggregation',
  'public-pool.multus-bridge': '--multus-bridge',
  'alt-pool.pool': '--alt-pool',
  'alt-pool.subnet': '--alt-subnet',
  'alt-pool.aggregation': '--alt-aggregation',
  'alt-pool.multus-bridge': '--alt-multus-bridge',
};

const aggregationHint = '"default" or a mask length 8-128 (e.g. 24 or /24)';

interface PoolInput {
  pool: string;
  subnet?: string;
  aggregation?: string;
  'multus-bridge'?: string;
}

/** A CIDR pool is its own subnet unless told otherwise; a range needs an explicit subnet. */
function pool(p: {
  pool: string;
  subnet?: string;
  aggregation?: string;
  bridge?: string;
}): PoolInput {
  const subnet = p.subnet ?? (p.pool.includes('/') ? p.pool : undefined);
  return { pool: p.pool, subnet, aggregation: p.aggregation, 'multus-bridge': p.bridge };
}

function altPool(flags: PrefixFlags): PoolInput | undefined {
  if (flags.altPool === undefined) {
    const stray = [flags.altSubnet, flags.altAggregation, flags.altMultusBridge].some(
      (v) => v !== undefined,
    );
    if (stray)
      throw usageError('--alt-subnet, --alt-aggregation and --alt-multus-bridge need --alt-pool');
    return undefined;
  }
  return pool({
    pool: flags.altPool,
    subnet: flags.altSubnet,
    aggregation: flags.altAggregation,
    bridge: flags.altMultusBridge,
  });
}

function valueAt(obj: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (at, key) =>
      typeof at === 'object' && at !== null ? (at as Record<PropertyKey, unknown>)[key] : undefined,
    obj,
  );
}

/** The message for the first problem zod found, naming the flag a person typed. */
function flagMessage(spec: unknown, issue: z.core.$ZodIssue): string {
  const path = issue.path.join('.');
  const flag = flagOfPath[path] ?? path;
  if (valueAt(spec, issue.path) === undefined) {
    return `${flag} is required (for a range pool, give its CIDR subnet)`;
  }
  return `${flag}: ${path.endsWith('aggregation') ? aggregationHint : issue.message}`;
}

function checkSpec(spec: unknown): void {
  const parsed = ServicePrefixSpec.safeParse(spec);
  const issue = parsed.error?.issues[0];
  if (issue) throw usageError(flagMessage(spec, issue));
}

function checkContainment(input: PoolInput | undefined, poolFlag: string): void {
  if (input?.subnet === undefined) return;
  const why = poolOutsideSubnet(input.pool, input.subnet);
  if (why !== undefined) throw usageError(`${poolFlag}: ${why}`);
}

/** The ServicePrefix `name` in the core namespace; throws a usage error naming the bad flag. */
export function servicePrefixFromFlags(name: string, flags: PrefixFlags): ServicePrefixInput {
  const publicPool = pool({
    pool: flags.pool,
    subnet: flags.subnet,
    aggregation: flags.aggregation,
    bridge: flags.multusBridge,
  });
  const alt = altPool(flags);
  const spec = { 'public-pool': publicPool, ...(alt ? { 'alt-pool': alt } : {}) };
  checkSpec(spec);
  checkContainment(publicPool, '--pool');
  checkContainment(alt, '--alt-pool');
  return {
    apiVersion: apiVersionV1,
    kind: 'ServicePrefix',
    metadata: { namespace: coreNamespace, name, labels: { ...partOfEpicLabels } },
    spec: spec as ServicePrefixInput['spec'],
  };
}
