// `epicctl group delete <name> --account A | --system`: refuses while load balancers are made
// from the group, unless --force.
import type { Command } from 'commander';
import { z } from 'zod';
import { requiredScope } from '../build/group-scope.js';
import { getIfExists } from '../cluster.js';
import type { Deps } from '../deps.js';
import { failed, notFound } from '../exit-codes.js';
import { loadBalancersOf } from '../views/group-views.js';
import { action, examples, type CommandContext, type RunState } from './context.js';

const Flags = z.object({
  account: z.string().optional(),
  system: z.boolean().optional(),
  force: z.boolean().default(false),
});
type Flags = z.infer<typeof Flags>;

async function deleteGroup(
  ctx: CommandContext,
  [name = '']: string[],
  flags: Flags,
): Promise<void> {
  const scope = requiredScope(flags);
  const cluster = ctx.cluster();
  const ref = { namespace: scope.namespace, name };
  const group = await getIfExists(cluster.groups, ref);
  if (!group) throw notFound(`service group ${name} not found (namespace ${scope.namespace})`);
  if (!flags.force) {
    const users = loadBalancersOf(group, await cluster.loadBalancers.list(scope.namespace));
    if (users.length > 0) {
      throw failed(
        `service group ${name} still has ${users.length} load balancer(s) (${users.map((lb) => lb.metadata.name ?? '').join(', ')}); ` +
          'delete them first, or pass --force',
      );
    }
  }
  await cluster.groups.delete(ref);
  ctx.print({
    data: { lbservicegroup: name, namespace: scope.namespace, deleted: true },
    blocks: [
      { type: 'lines', lines: [`service group ${name} deleted (namespace ${scope.namespace})`] },
    ],
  });
}

export function registerGroupDelete(parent: Command, deps: Deps, state: RunState): void {
  const command = parent
    .command('delete')
    .description('delete a service group (refused while load balancers use it, unless --force)')
    .argument('<name>', 'group name')
    .option('--account <name>', 'the account that owns the group')
    .option('--system', 'a system group (core namespace)')
    .option('--force', 'delete even while load balancers use it')
    .action(action(deps, state, Flags, deleteGroup));
  examples(command, [
    'epicctl group delete web --account acme',
    'epicctl group delete gatewayhttp --system --force',
  ]);
}
