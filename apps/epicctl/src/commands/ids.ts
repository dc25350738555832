// `epicctl ids [--account A]`: the ID counters and who holds which ID; read-only. Works
// whether or not the EPIC singleton exists (it is reported as missing).
import type { Command } from 'commander';
import { z } from 'zod';
import {
  accountKind,
  accountNamespace,
  coreNamespace,
  epicSingletonName,
  gwProxyKind,
  loadBalancerKind,
} from '@epic/model';
import { getIfExists } from '../cluster.js';
import type { Deps } from '../deps.js';
import { failed } from '../exit-codes.js';
import { idReport, type IdInputs } from '../views/id-report.js';
import { action, examples, type CommandContext, type RunState } from './context.js';

const Flags = z.object({ account: z.string().optional(), check: z.boolean().default(false) });
type Flags = z.infer<typeof Flags>;

type Holders = Omit<IdInputs, 'epic'>;

async function holdersIn(ctx: CommandContext, namespace: string): Promise<Holders> {
  const cluster = ctx.cluster();
  const [accounts, loadBalancers, gwProxies] = await Promise.all([
    cluster.accounts.list(namespace),
    cluster.loadBalancers.list(namespace),
    cluster.gwProxies.list(namespace),
  ]);
  return { accounts, loadBalancers, gwProxies };
}

async function holdersEverywhere(ctx: CommandContext): Promise<Holders> {
  const cluster = ctx.cluster();
  const [accounts, loadBalancers, gwProxies] = await Promise.all([
    cluster.listAll(accountKind),
    cluster.listAll(loadBalancerKind),
    cluster.listAll(gwProxyKind),
  ]);
  ctx.warn([...accounts.skipped, ...loadBalancers.skipped, ...gwProxies.skipped]);
  return {
    accounts: accounts.items,
    loadBalancers: loadBalancers.items,
    gwProxies: gwProxies.items,
  };
}

async function showIds(ctx: CommandContext, _args: string[], flags: Flags): Promise<void> {
  const namespace = flags.account === undefined ? undefined : accountNamespace(flags.account);
  const cluster = ctx.cluster();
  const [epic, holders] = await Promise.all([
    getIfExists(cluster.epics, { namespace: coreNamespace, name: epicSingletonName }),
    namespace === undefined ? holdersEverywhere(ctx) : holdersIn(ctx, namespace),
  ]);
  const report = idReport({ epic, ...holders });
  ctx.print(report);
  if (flags.check && report.problems.length > 0) {
    throw failed(`${report.problems.length} ID problem(s) found (listed above)`);
  }
}

export function registerIds(program: Command, deps: Deps, state: RunState): void {
  const command = program
    .command('ids')
    .description(
      'show the ID counters (EPIC tunnel/group, per-account service) and who holds which ID; flags duplicates',
    )
    .option('--account <name>', 'only this account (the EPIC counters are always shown)')
    .option('--check', 'exit 1 when a problem is found (for scripts and monitoring)')
    .action(action(deps, state, Flags, showIds));
  examples(command, [
    'epicctl ids',
    'epicctl ids --check -o json > ids.json || echo "ID problems found"',
    'epicctl ids --account acme',
    'epicctl ids -o json | jq .problems',
  ]);
}
