// `epicctl lb show <name> [--account A]`: one load balancer with its tunnels. Without
// --account the name is looked up in every namespace.
import type { Command } from 'commander';
import { z } from 'zod';
import { accountNamespace, loadBalancerKind } from '@epic/model';
import { getIfExists } from '../cluster.js';
import type { Deps } from '../deps.js';
import { notFound } from '../exit-codes.js';
import { lbDetailsReport } from '../views/lb-views.js';
import { action, examples, type CommandContext, type RunState } from './context.js';
import { locateByName } from './locate.js';

const Flags = z.object({ account: z.string().optional() });
type Flags = z.infer<typeof Flags>;

async function showLoadBalancer(
  ctx: CommandContext,
  [name = '']: string[],
  flags: Flags,
): Promise<void> {
  const cluster = ctx.cluster();
  let lb;
  if (flags.account !== undefined) {
    const namespace = accountNamespace(flags.account);
    lb = await getIfExists(cluster.loadBalancers, { namespace, name });
    if (!lb)
      throw notFound(
        `load balancer ${name} not found in account ${flags.account} (namespace ${namespace})`,
      );
  } else {
    const listed = await cluster.listAll(loadBalancerKind);
    lb = locateByName(listed.items, name, { kind: 'load balancer', flag: '--account' });
  }
  ctx.print(lbDetailsReport(lb, ctx.now()));
}

export function registerLbShow(parent: Command, deps: Deps, state: RunState): void {
  const command = parent
    .command('show')
    .alias('get')
    .description('show one load balancer: IDs, address, ports, DNS names and GUE tunnels')
    .argument('<name>', 'load balancer name')
    .option('--account <name>', 'the account that owns it')
    .action(action(deps, state, Flags, showLoadBalancer));
  examples(command, [
    'epicctl lb show sample-web-1a2b3c4d5e6f7a8b',
    'epicctl lb show web --account acme -o yaml',
  ]);
}
