// `epicctl account list`: every Account, and every user namespace still without one.
import type { Command } from 'commander';
import { z } from 'zod';
import { accountKind } from '@epic/model';
import type { Deps } from '../deps.js';
import { accountListReport, accountRows } from '../views/account-views.js';
import { action, examples, type CommandContext, type RunState } from './context.js';

const Flags = z.object({});

async function listAccounts(ctx: CommandContext): Promise<void> {
  const cluster = ctx.cluster();
  const [accounts, namespaces] = await Promise.all([
    cluster.listAll(accountKind),
    cluster.namespaces.listUserNamespaces(),
  ]);
  ctx.warn(accounts.skipped);
  ctx.print(accountListReport(accountRows(accounts.items, namespaces), ctx.now()));
}

export function registerAccountList(parent: Command, deps: Deps, state: RunState): void {
  const command = parent
    .command('list')
    .alias('ls')
    .description('list accounts: group ID, current service ID, proxy limit and state')
    .action(action(deps, state, Flags, listAccounts));
  examples(command, [
    'epicctl account list',
    "epicctl account list -o json | jq -r '.items[].metadata.name'",
  ]);
}
