// `epicctl group create <name>`: an LBServiceGroup in an account's namespace (--account) or
// the core namespace (--system), tied to its ServicePrefix (and Account) by labels. The
// prefix and account are checked first, so a typo is "not found", not a dangling label.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { isApiError } from '@epic/kube';
import { coreNamespace } from '@epic/model';
import { checkObjectName, requiredScope, type GroupScope } from '../build/group-scope.js';
import { parseEnvoyTemplate, serviceGroupFromFlags } from '../build/service-group.js';
import { getIfExists, type Cluster } from '../cluster.js';
import type { Deps } from '../deps.js';
import { alreadyExists, notFound, usageError } from '../exit-codes.js';
import { integerParser } from '../flags.js';
import { forOutput } from '../format/report.js';
import { action, examples, type CommandContext, type RunState } from './context.js';

const Flags = z.object({
  account: z.string().optional(),
  system: z.boolean().optional(),
  prefix: z.string(),
  replicas: z.number().int().min(0).optional(),
  image: z.string().min(1).optional(),
  shared: z.boolean().optional(),
  envoyTemplate: z.string().optional(),
  dnsName: z.string().min(1).optional(),
});
type Flags = z.infer<typeof Flags>;

async function checkOwners(cluster: Cluster, scope: GroupScope, prefix: string): Promise<void> {
  const [sp, account] = await Promise.all([
    getIfExists(cluster.prefixes, { namespace: coreNamespace, name: prefix }),
    scope.kind === 'account'
      ? getIfExists(cluster.accounts, { namespace: scope.namespace, name: scope.account })
      : undefined,
  ]);
  if (!sp)
    throw notFound(
      `service prefix ${prefix} not found (namespace ${coreNamespace}); create it with: epicctl prefix create ${prefix} --pool ...`,
    );
  if (scope.kind === 'account' && !account) {
    throw notFound(
      `account ${scope.account} not found (no Account ${scope.account} in namespace ${scope.namespace})`,
    );
  }
}

async function loadTemplate(
  path: string | undefined,
): Promise<Record<string, unknown> | undefined> {
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw usageError(
      `--envoy-template ${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  return parseEnvoyTemplate(text, path);
}

function ownerText(scope: GroupScope): string {
  return scope.kind === 'account' ? `account ${scope.account}` : 'the system';
}

async function createGroup(
  ctx: CommandContext,
  [name = '']: string[],
  flags: Flags,
): Promise<void> {
  checkObjectName('service group', name);
  checkObjectName('service prefix', flags.prefix);
  const scope = requiredScope(flags);
  const envoyTemplate = await loadTemplate(flags.envoyTemplate);
  const cluster = ctx.cluster();
  await checkOwners(cluster, scope, flags.prefix);
  const body = serviceGroupFromFlags(name, scope, { ...flags, envoyTemplate });
  let created;
  try {
    created = await cluster.groups.create(body);
  } catch (err) {
    if (isApiError(err, 409))
      throw alreadyExists(`service group ${name} already exists (namespace ${scope.namespace})`);
    throw err;
  }
  if (!envoyTemplate) {
    ctx.warn([
      `service group ${name} has an empty Envoy template (--envoy-template FILE): its load balancers get no Envoy configuration until one is set`,
    ]);
  }
  ctx.print({
    data: forOutput(created),
    blocks: [
      {
        type: 'lines',
        lines: [
          `service group ${name} created for ${ownerText(scope)} (namespace ${scope.namespace}, prefix ${flags.prefix})`,
        ],
      },
    ],
  });
}

export function registerGroupCreate(parent: Command, deps: Deps, state: RunState): void {
  const command = parent
    .command('create')
    .description(
      'create a service group (LBServiceGroup), the template of load balancers, for an account or the system',
    )
    .argument('<name>', 'group name (lowercase letters, digits, -)')
    .option('--account <name>', 'the account that owns the group (namespace epic-<name>)')
    .option('--system', `a system group, in namespace ${coreNamespace}`)
    .requiredOption('--prefix <name>', 'the service prefix its load balancers get addresses from')
    .option(
      '--replicas <n>',
      'Envoy replicas of each load balancer (default 1)',
      integerParser(0, 2147483647),
    )
    .option('--image <image>', 'Envoy image (default: the EPIC envoy-image)')
    .option(
      '--shared',
      'load balancers may be shared by several client services (named <group>-<lb>)',
    )
    .option('--envoy-template <file>', 'YAML/JSON file with the Envoy configuration template')
    .option(
      '--dns-name <template>',
      'DNS name template (default {{.PureLBServiceName}}.{{.LBSGName}}.client.acnodal.io)',
    )
    .action(action(deps, state, Flags, createGroup));
  examples(command, [
    'epicctl group create web --account acme --prefix default --envoy-template envoy.yaml',
    'epicctl group create web --account acme --prefix default --replicas 2 --shared',
    'epicctl group create gatewayhttp --system --prefix default --image envoyproxy/envoy:v1.31.0',
  ]);
}
