// `epicctl account delete <name>`: deletes the namespace epic-<name> (the Account and
// everything else in it go with it) and waits until the namespace is gone. It refuses while
// load balancers or gateway proxies remain, and refuses namespaces that are not user
// namespaces, unless --force.
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { accountNamespace } from '@epic/model';
import { isUserNamespace, userNamespaceLabelText } from '../build/account-objects.js';
import type { Cluster } from '../cluster.js';
import type { Deps } from '../deps.js';
import { failed, notFound, timedOut } from '../exit-codes.js';
import { formatDuration, parseDuration } from '../flags.js';
import { createProgress } from '../progress.js';
import { waitUntil, type Check } from '../wait.js';
import { defaultTimeoutMs, pollIntervalMs } from './account-create.js';
import { action, examples, type CommandContext, type RunState } from './context.js';

const Flags = z.object({
  force: z.boolean().default(false),
  wait: z.boolean(),
  timeout: z.number().int().min(0),
});
type Flags = z.infer<typeof Flags>;

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Why the account should not be deleted without --force, or undefined. */
async function refusal(
  cluster: Cluster,
  name: string,
  namespace: string,
): Promise<string | undefined> {
  const [lbs, proxies] = await Promise.all([
    cluster.loadBalancers.list(namespace),
    cluster.gwProxies.list(namespace),
  ]);
  if (lbs.length + proxies.length === 0) return undefined;
  return (
    `account ${name} still has ${count(lbs.length, 'load balancer', 'load balancers')} and ${count(proxies.length, 'gateway proxy', 'gateway proxies')}; ` +
    `delete them first, or pass --force to delete everything in namespace ${namespace}`
  );
}

function goneCheck(cluster: Cluster, namespace: string) {
  return async (): Promise<Check<true>> => {
    const ns = await cluster.namespaces.read(namespace);
    if (!ns) return { done: true, value: true };
    return { done: false, status: `namespace ${namespace} is ${ns.phase ?? 'still there'}` };
  };
}

/** Throws unless the namespace may be deleted; 'terminating' when a delete is already under way. */
async function checkDeletable(
  ctx: CommandContext,
  name: string,
  namespace: string,
  force: boolean,
): Promise<'terminating' | 'deletable'> {
  const ns = await ctx.cluster().namespaces.read(namespace);
  if (!ns) throw notFound(`account ${name} not found (no namespace ${namespace})`);
  // A second delete of a terminating namespace is a 409 from the apiserver: just wait.
  if (ns.deletionTimestamp !== undefined) return 'terminating';
  if (force) return 'deletable';
  if (!isUserNamespace(ns.labels)) {
    throw failed(
      `namespace ${namespace} is not an EPIC user namespace (labels ${userNamespaceLabelText} missing); pass --force to delete it anyway`,
    );
  }
  const why = await refusal(ctx.cluster(), name, namespace);
  if (why) throw failed(why);
  return 'deletable';
}

async function deleteAccount(
  ctx: CommandContext,
  [name = '']: string[],
  flags: Flags,
): Promise<void> {
  const namespace = accountNamespace(name);
  const cluster = ctx.cluster();
  if ((await checkDeletable(ctx, name, namespace, flags.force)) === 'deletable') {
    await cluster.namespaces.delete(namespace);
  }
  const data = { account: name, namespace, deleted: flags.wait };
  if (!flags.wait) {
    ctx.print({
      data,
      blocks: [
        { type: 'lines', lines: [`account ${name}: namespace ${namespace} is being deleted`] },
      ],
    });
    return;
  }
  const result = await waitUntil({
    check: goneCheck(cluster, namespace),
    timeoutMs: flags.timeout,
    intervalMs: pollIntervalMs,
    clock: ctx.deps.clock,
    progress: createProgress(ctx.deps.io, `waiting for namespace ${namespace} to go`),
  });
  if (!result.ok) {
    throw timedOut(
      `timed out after ${formatDuration(flags.timeout)} waiting for namespace ${namespace} to go (${result.lastStatus}); ` +
        'the namespace controller (kube-controller-manager) removes it once its objects and finalizers are gone',
    );
  }
  ctx.print({
    data,
    blocks: [
      { type: 'lines', lines: [`account ${name} deleted (namespace ${namespace} is gone)`] },
    ],
  });
}

export function registerAccountDelete(parent: Command, deps: Deps, state: RunState): void {
  const command = parent
    .command('delete')
    .description(
      'delete an account: its namespace epic-<name> and everything in it; waits until it is gone',
    )
    .argument('<name>', 'account name')
    .option(
      '--force',
      'delete even with load balancers / gateway proxies left, or an unlabelled namespace',
    )
    .addOption(
      new Option('--timeout <duration>', 'how long to wait for the namespace to go (30s, 2m, ...)')
        .argParser(parseDuration)
        .default(defaultTimeoutMs, '60s'),
    )
    .option('--no-wait', 'return once the deletion has started')
    .action(action(deps, state, Flags, deleteAccount));
  examples(command, [
    'epicctl account delete acme',
    'epicctl account delete acme --no-wait',
    'epicctl account delete acme --force --timeout 5m',
  ]);
}
