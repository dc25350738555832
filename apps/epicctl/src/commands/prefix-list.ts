// `epicctl prefix list`: every ServicePrefix with its pools and how many groups use it.
import type { Command } from 'commander';
import { z } from 'zod';
import { coreNamespace, lbServiceGroupKind } from '@epic/model';
import type { Deps } from '../deps.js';
import { prefixListReport } from '../views/prefix-views.js';
import { action, examples, type CommandContext, type RunState } from './context.js';

const Flags = z.object({});

async function listPrefixes(ctx: CommandContext): Promise<void> {
  const cluster = ctx.cluster();
  const [prefixes, groups] = await Promise.all([
    cluster.prefixes.list(coreNamespace),
    cluster.listAll(lbServiceGroupKind),
  ]);
  ctx.warn(groups.skipped);
  ctx.print(prefixListReport(prefixes, groups.items, ctx.now()));
}

export function registerPrefixList(parent: Command, deps: Deps, state: RunState): void {
  const command = parent
    .command('list')
    .alias('ls')
    .description(`list service prefixes (namespace ${coreNamespace}) with their pools and users`)
    .action(action(deps, state, Flags, listPrefixes));
  examples(command, ['epicctl prefix list', 'epicctl prefix list -o yaml > prefixes.yaml']);
}
