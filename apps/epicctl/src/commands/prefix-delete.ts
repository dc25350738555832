// `epicctl prefix delete <name>`: refuses while service groups still name the prefix, because
// their load balancers would have nowhere to get addresses from; --force deletes anyway.
import type { Command } from 'commander';
import { z } from 'zod';
import { coreNamespace, lbServiceGroupKind, owningServicePrefixLabel } from '@epic/model';
import { getIfExists } from '../cluster.js';
import type { Deps } from '../deps.js';
import { failed, notFound } from '../exit-codes.js';
import { groupRef } from '../views/group-views.js';
import { action, examples, type CommandContext, type RunState } from './context.js';

const Flags = z.object({ force: z.boolean().default(false) });
type Flags = z.infer<typeof Flags>;

async function deletePrefix(
  ctx: CommandContext,
  [name = '']: string[],
  flags: Flags,
): Promise<void> {
  const cluster = ctx.cluster();
  const ref = { namespace: coreNamespace, name };
  if (!(await getIfExists(cluster.prefixes, ref))) {
    throw notFound(`service prefix ${name} not found (namespace ${coreNamespace})`);
  }
  if (!flags.force) {
    const users = await cluster.listAll(lbServiceGroupKind, `${owningServicePrefixLabel}=${name}`);
    if (users.items.length > 0) {
      throw failed(
        `service prefix ${name} is used by ${users.items.length} service group(s) (${users.items.map(groupRef).join(', ')}); ` +
          'delete them first, or pass --force',
      );
    }
  }
  await cluster.prefixes.delete(ref);
  ctx.print({
    data: { serviceprefix: name, namespace: coreNamespace, deleted: true },
    blocks: [{ type: 'lines', lines: [`service prefix ${name} deleted`] }],
  });
}

export function registerPrefixDelete(parent: Command, deps: Deps, state: RunState): void {
  const command = parent
    .command('delete')
    .description('delete a service prefix (refused while service groups use it, unless --force)')
    .argument('<name>', 'prefix name')
    .option('--force', 'delete even while service groups name it')
    .action(action(deps, state, Flags, deletePrefix));
  examples(command, ['epicctl prefix delete default', 'epicctl prefix delete default --force']);
}
