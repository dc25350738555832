// `epicctl group list [--account A | --system]`: service groups of one account, of the
// system, or everywhere.
import type { Command } from 'commander';
import { z } from 'zod';
import { lbServiceGroupKind } from '@epic/model';
import { optionalScope } from '../build/group-scope.js';
import type { Deps } from '../deps.js';
import { groupListReport } from '../views/group-views.js';
import { action, examples, type CommandContext, type RunState } from './context.js';

const Flags = z.object({ account: z.string().optional(), system: z.boolean().optional() });
type Flags = z.infer<typeof Flags>;

async function listGroups(ctx: CommandContext, _args: string[], flags: Flags): Promise<void> {
  const scope = optionalScope(flags);
  const cluster = ctx.cluster();
  let groups;
  if (scope) {
    groups = await cluster.groups.list(scope.namespace);
  } else {
    const listed = await cluster.listAll(lbServiceGroupKind);
    ctx.warn(listed.skipped);
    groups = listed.items;
  }
  ctx.print(groupListReport(groups, ctx.now()));
}

export function registerGroupList(parent: Command, deps: Deps, state: RunState): void {
  const command = parent
    .command('list')
    .alias('ls')
    .description("list service groups (all, one account's, or the system's)")
    .option('--account <name>', "only this account's groups")
    .option('--system', 'only system groups (core namespace)')
    .action(action(deps, state, Flags, listGroups));
  examples(command, [
    'epicctl group list',
    'epicctl group list --account acme',
    'epicctl group list --system -o yaml',
  ]);
}
