// `epicctl prefix show <name>`: one ServicePrefix and the service groups that use it.
import type { Command } from 'commander';
import { z } from 'zod';
import { coreNamespace, lbServiceGroupKind } from '@epic/model';
import { getIfExists } from '../cluster.js';
import type { Deps } from '../deps.js';
import { notFound } from '../exit-codes.js';
import { prefixDetailsReport } from '../views/prefix-views.js';
import { action, examples, type CommandContext, type RunState } from './context.js';

const Flags = z.object({});

async function showPrefix(ctx: CommandContext, [name = '']: string[]): Promise<void> {
  const cluster = ctx.cluster();
  const prefix = await getIfExists(cluster.prefixes, { namespace: coreNamespace, name });
  if (!prefix) throw notFound(`service prefix ${name} not found (namespace ${coreNamespace})`);
  const groups = await cluster.listAll(lbServiceGroupKind);
  ctx.warn(groups.skipped);
  ctx.print(prefixDetailsReport(prefix, groups.items, ctx.now()));
}

export function registerPrefixShow(parent: Command, deps: Deps, state: RunState): void {
  const command = parent
    .command('show')
    .alias('get')
    .description('show one service prefix and the service groups that use it')
    .argument('<name>', 'prefix name')
    .action(action(deps, state, Flags, showPrefix));
  examples(command, ['epicctl prefix show default', 'epicctl prefix show default -o json']);
}
