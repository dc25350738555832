// `epicctl prefix create <name>`: a ServicePrefix (public address pool) in the core namespace.
import type { Command } from 'commander';
import { z } from 'zod';
import { isApiError } from '@epic/kube';
import { coreNamespace } from '@epic/model';
import { checkObjectName } from '../build/group-scope.js';
import { servicePrefixFromFlags } from '../build/service-prefix.js';
import type { Deps } from '../deps.js';
import { alreadyExists } from '../exit-codes.js';
import { forOutput } from '../format/report.js';
import { action, examples, type CommandContext, type RunState } from './context.js';

const Flags = z.object({
  pool: z.string(),
  subnet: z.string().optional(),
  aggregation: z.string().optional(),
  multusBridge: z.string().optional(),
  altPool: z.string().optional(),
  altSubnet: z.string().optional(),
  altAggregation: z.string().optional(),
  altMultusBridge: z.string().optional(),
});
type Flags = z.infer<typeof Flags>;

async function createPrefix(
  ctx: CommandContext,
  [name = '']: string[],
  flags: Flags,
): Promise<void> {
  checkObjectName('service prefix', name);
  const body = servicePrefixFromFlags(name, flags);
  let created;
  try {
    created = await ctx.cluster().prefixes.create(body);
  } catch (err) {
    if (isApiError(err, 409))
      throw alreadyExists(`service prefix ${name} already exists (namespace ${coreNamespace})`);
    throw err;
  }
  const pool = created.spec['public-pool'];
  ctx.print({
    data: forOutput(created),
    blocks: [
      {
        type: 'lines',
        lines: [`service prefix ${name} created (pool ${pool.pool}, subnet ${pool.subnet})`],
      },
    ],
  });
}

export function registerPrefixCreate(parent: Command, deps: Deps, state: RunState): void {
  const command = parent
    .command('create')
    .description(`create a service prefix (a public address pool) in namespace ${coreNamespace}`)
    .argument(
      '<name>',
      'prefix name (service groups name it in their epic.acnodal.io/owning-serviceprefix label)',
    )
    .requiredOption(
      '--pool <pool>',
      'addresses to hand out: a CIDR (192.168.77.0/24) or a range (192.168.77.2-192.168.77.8)',
    )
    .option(
      '--subnet <cidr>',
      'subnet that contains the pool (default: the pool, when it is a CIDR)',
    )
    .option(
      '--aggregation <mask>',
      'route aggregation: "default" (the subnet mask) or a mask length 8-128',
    )
    .option(
      '--multus-bridge <name>',
      'bridge that carries the addresses to Envoy pods (default multus0)',
    )
    .option('--alt-pool <pool>', 'an IPv4 pool that dual-stack / IPv6 proxies also need')
    .option('--alt-subnet <cidr>', 'subnet of the alt pool')
    .option('--alt-aggregation <mask>', 'route aggregation of the alt pool')
    .option('--alt-multus-bridge <name>', 'bridge of the alt pool')
    .action(action(deps, state, Flags, createPrefix));
  examples(command, [
    'epicctl prefix create default --pool 192.168.77.2-192.168.77.8 --subnet 192.168.77.0/24',
    'epicctl prefix create v4 --pool 10.10.0.0/24 --aggregation 32',
    'epicctl prefix create v6 --pool 2001:db8::/120 --subnet 2001:db8::/64 \\',
    '    --alt-pool 192.168.78.2-192.168.78.9 --alt-subnet 192.168.78.0/24',
  ]);
}
