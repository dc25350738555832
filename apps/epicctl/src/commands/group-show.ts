// `epicctl group show <name> [--account A | --system]`: one service group and the load
// balancers made from it. Without a scope the name is looked up in every namespace.
import type { Command } from 'commander';
import { z } from 'zod';
import { lbServiceGroupKind } from '@epic/model';
import { optionalScope } from '../build/group-scope.js';
import { getIfExists, type Cluster } from '../cluster.js';
import type { Deps } from '../deps.js';
import { notFound } from '../exit-codes.js';
import { groupDetailsReport } from '../views/group-views.js';
import { action, examples, type CommandContext, type RunState } from './context.js';
import { locateByName } from './locate.js';

const Flags = z.object({ account: z.string().optional(), system: z.boolean().optional() });
type Flags = z.infer<typeof Flags>;

async function findGroup(cluster: Cluster, name: string, flags: Flags) {
  const scope = optionalScope(flags);
  if (!scope) {
    const listed = await cluster.listAll(lbServiceGroupKind);
    return locateByName(listed.items, name, {
      kind: 'service group',
      flag: '--account or --system',
    });
  }
  const group = await getIfExists(cluster.groups, { namespace: scope.namespace, name });
  if (!group) throw notFound(`service group ${name} not found (namespace ${scope.namespace})`);
  return group;
}

async function showGroup(ctx: CommandContext, [name = '']: string[], flags: Flags): Promise<void> {
  const cluster = ctx.cluster();
  const group = await findGroup(cluster, name, flags);
  const lbs = await cluster.loadBalancers.list(group.metadata.namespace ?? '');
  ctx.print(groupDetailsReport(group, lbs, ctx.now()));
}

export function registerGroupShow(parent: Command, deps: Deps, state: RunState): void {
  const command = parent
    .command('show')
    .alias('get')
    .description('show one service group and its load balancers')
    .argument('<name>', 'group name')
    .option('--account <name>', 'the account that owns the group')
    .option('--system', 'a system group (core namespace)')
    .action(action(deps, state, Flags, showGroup));
  examples(command, ['epicctl group show web', 'epicctl group show web --account acme -o yaml']);
}
