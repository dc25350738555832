// `epicctl account create <name>`: the user namespace epic-<name> (with the labels that make
// it one) and its Account, then a wait until the id-allocator has written spec.group-id.
// Rerunning it after an interrupted create finishes the job; on a complete account it exits 5.
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { isApiError } from '@epic/kube';
import type { Account, AccountInput } from '@epic/model';
import {
  accountObjects,
  isUserNamespace,
  userNamespaceLabelText,
} from '../build/account-objects.js';
import { getIfExists, type Cluster } from '../cluster.js';
import type { Deps } from '../deps.js';
import { alreadyExists, failed, timedOut } from '../exit-codes.js';
import { formatDuration, integerParser, parseDuration } from '../flags.js';
import { forOutput } from '../format/report.js';
import { createProgress } from '../progress.js';
import { waitUntil, type Check } from '../wait.js';
import { action, examples, type CommandContext, type RunState } from './context.js';

export const pollIntervalMs = 500;
export const defaultTimeoutMs = 60_000;

const Flags = z.object({
  proxyLimit: z.number().int().min(0).optional(),
  wait: z.boolean(),
  timeout: z.number().int().min(0),
});
type Flags = z.infer<typeof Flags>;

/** Creates the namespace, or checks that an existing one can take this account. */
async function ensureUserNamespace(
  cluster: Cluster,
  account: string,
  ns: { name: string; labels: Record<string, string> },
) {
  if ((await cluster.namespaces.create(ns.name, ns.labels)) === 'created') return;
  const existing = await cluster.namespaces.read(ns.name);
  if (existing?.deletionTimestamp !== undefined) {
    throw failed(
      `account ${account} is being deleted (namespace ${ns.name} is terminating); create it again once it is gone`,
    );
  }
  if (existing && !isUserNamespace(existing.labels)) {
    throw failed(
      `namespace ${ns.name} already exists but is not an EPIC user namespace (labels ${userNamespaceLabelText} missing); pick another account name`,
    );
  }
}

async function createAccountObject(cluster: Cluster, account: AccountInput): Promise<Account> {
  try {
    return await cluster.accounts.create(account);
  } catch (err) {
    if (!isApiError(err, 409)) throw err;
    const { name, namespace } = account.metadata;
    throw alreadyExists(`account ${name ?? ''} already exists (namespace ${namespace ?? ''})`);
  }
}

function groupIdCheck(cluster: Cluster, ref: { namespace: string; name: string }) {
  return async (): Promise<Check<Account>> => {
    const account = await getIfExists(cluster.accounts, ref);
    if (!account) throw failed(`account ${ref.name} disappeared while waiting for its group ID`);
    const groupId = account.spec['group-id'];
    if (groupId) return { done: true, value: account };
    return { done: false, status: 'spec.group-id not set yet (the id-allocator sets it)' };
  };
}

async function createAccount(
  ctx: CommandContext,
  [name = '']: string[],
  flags: Flags,
): Promise<void> {
  const objects = accountObjects(name, { proxyLimit: flags.proxyLimit });
  const namespace = objects.namespace.name;
  const cluster = ctx.cluster();
  await ensureUserNamespace(cluster, name, objects.namespace);
  const created = await createAccountObject(cluster, objects.account);
  if (!flags.wait) {
    ctx.print({
      data: forOutput(created),
      blocks: [
        {
          type: 'lines',
          lines: [`account ${name} created (namespace ${namespace}); not waiting for its group ID`],
        },
      ],
    });
    return;
  }
  const result = await waitUntil({
    check: groupIdCheck(cluster, { namespace, name }),
    timeoutMs: flags.timeout,
    intervalMs: pollIntervalMs,
    clock: ctx.deps.clock,
    progress: createProgress(ctx.deps.io, `waiting for account ${name} to get a group ID`),
  });
  if (!result.ok) {
    throw timedOut(
      `timed out after ${formatDuration(flags.timeout)} waiting for account ${name} to get a group ID: is the id-allocator running? ` +
        `The namespace and Account exist; check later with: epicctl account show ${name}`,
    );
  }
  ctx.print({
    data: forOutput(result.value),
    blocks: [
      {
        type: 'lines',
        lines: [
          `account ${name} created (namespace ${namespace}, group ID ${result.value.spec['group-id'] ?? '-'})`,
        ],
      },
    ],
  });
}

export function registerAccountCreate(parent: Command, deps: Deps, state: RunState): void {
  const command = parent
    .command('create')
    .description(
      'create an account: namespace epic-<name> and its Account; waits until the id-allocator gives it a group ID',
    )
    .argument('<name>', 'account name (lowercase letters, digits, -); its namespace is epic-<name>')
    .option(
      '--proxy-limit <n>',
      'most GWProxies the account may have (default 20)',
      integerParser(0, 2147483647),
    )
    .addOption(
      new Option('--timeout <duration>', 'how long to wait for the group ID (30s, 2m, ...)')
        .argParser(parseDuration)
        .default(defaultTimeoutMs, '60s'),
    )
    .option('--no-wait', 'return as soon as the namespace and Account exist')
    .action(action(deps, state, Flags, createAccount));
  examples(command, [
    'epicctl account create acme                  # waits up to 60s for the group ID',
    'epicctl account create acme --timeout 2m -o yaml',
    'epicctl account create acme --no-wait --proxy-limit 50',
    'epicctl account create acme || [ $? -eq 5 ]   # already there is fine (exit code 5)',
  ]);
}
