// `epicctl lb list [--account A]`: load balancers of one account or of all.
import type { Command } from 'commander';
import { z } from 'zod';
import { accountNamespace, loadBalancerKind } from '@epic/model';
import type { Deps } from '../deps.js';
import { lbListReport } from '../views/lb-views.js';
import { action, examples, type CommandContext, type RunState } from './context.js';

const Flags = z.object({ account: z.string().optional() });
type Flags = z.infer<typeof Flags>;

async function listLoadBalancers(
  ctx: CommandContext,
  _args: string[],
  flags: Flags,
): Promise<void> {
  const namespace = flags.account === undefined ? undefined : accountNamespace(flags.account);
  const cluster = ctx.cluster();
  let lbs;
  if (namespace !== undefined) {
    lbs = await cluster.loadBalancers.list(namespace);
  } else {
    const listed = await cluster.listAll(loadBalancerKind);
    ctx.warn(listed.skipped);
    lbs = listed.items;
  }
  ctx.print(lbListReport(lbs, ctx.now()));
}

export function registerLbList(parent: Command, deps: Deps, state: RunState): void {
  const command = parent
    .command('list')
    .alias('ls')
    .description('list load balancers: service ID, public address, ports, tunnel count')
    .option('--account <name>', "only this account's load balancers")
    .action(action(deps, state, Flags, listLoadBalancers));
  examples(command, ['epicctl lb list', 'epicctl lb list --account acme -o json']);
}
