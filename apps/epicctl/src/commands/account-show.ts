// `epicctl account show <name>`: the Account, its namespace, service groups and proxy counts.
import type { Command } from 'commander';
import { z } from 'zod';
import { accountNamespace } from '@epic/model';
import { getIfExists } from '../cluster.js';
import type { Deps } from '../deps.js';
import { notFound } from '../exit-codes.js';
import { accountDetailsReport } from '../views/account-views.js';
import { action, examples, type CommandContext, type RunState } from './context.js';

const Flags = z.object({});

async function showAccount(ctx: CommandContext, [name = '']: string[]): Promise<void> {
  const namespace = accountNamespace(name);
  const cluster = ctx.cluster();
  const [account, ns] = await Promise.all([
    getIfExists(cluster.accounts, { namespace, name }),
    cluster.namespaces.read(namespace),
  ]);
  if (!ns) throw notFound(`account ${name} not found (no namespace ${namespace})`);
  if (!account)
    throw notFound(
      `account ${name} not found: namespace ${namespace} exists but holds no Account ${name}`,
    );
  const [groups, lbs, proxies] = await Promise.all([
    cluster.groups.list(namespace),
    cluster.loadBalancers.list(namespace),
    cluster.gwProxies.list(namespace),
  ]);
  ctx.print(
    accountDetailsReport(
      { account, namespace: ns, groups, loadBalancers: lbs.length, gwProxies: proxies.length },
      ctx.now(),
    ),
  );
}

export function registerAccountShow(parent: Command, deps: Deps, state: RunState): void {
  const command = parent
    .command('show')
    .alias('get')
    .description('show one account: IDs, proxy limit, namespace, service groups, proxy counts')
    .argument('<name>', 'account name')
    .action(action(deps, state, Flags, showAccount));
  examples(command, ['epicctl account show acme', 'epicctl account show acme -o yaml']);
}
