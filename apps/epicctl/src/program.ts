// The command tree. Each command lives in its own file under commands/ and registers itself on
// its parent; this file only names the groups and the global behaviour (output, exit codes).
import { Command } from 'commander';
import { registerAccountCreate } from './commands/account-create.js';
import { registerAccountDelete } from './commands/account-delete.js';
import { registerAccountList } from './commands/account-list.js';
import { registerAccountShow } from './commands/account-show.js';
import { examples, type RunState } from './commands/context.js';
import { registerGroupCreate } from './commands/group-create.js';
import { registerGroupDelete } from './commands/group-delete.js';
import { registerGroupList } from './commands/group-list.js';
import { registerGroupShow } from './commands/group-show.js';
import { registerIds } from './commands/ids.js';
import { registerLbList } from './commands/lb-list.js';
import { registerLbShow } from './commands/lb-show.js';
import { registerPrefixCreate } from './commands/prefix-create.js';
import { registerPrefixDelete } from './commands/prefix-delete.js';
import { registerPrefixList } from './commands/prefix-list.js';
import { registerPrefixShow } from './commands/prefix-show.js';
import type { Deps } from './deps.js';
import { addGlobalOptions } from './global-options.js';

export const epicctlVersion = '0.1.0';

const exitCodeHelp = `Exit codes:
  0  ok
  1  error (the apiserver refused or could not be reached, an object is in a bad state)
  2  usage (unknown command or flag, a bad flag value or name)
  3  not found (the named account, prefix, group or load balancer does not exist)
  4  timed out (--timeout ran out while waiting)
  5  already exists (create of something that is there)
`;

type Register = (parent: Command, deps: Deps, state: RunState) => void;

interface Group {
  name: string;
  description: string;
  commands: Register[];
  examples: string[];
}

const groups: Group[] = [
  {
    name: 'account',
    description: 'accounts (tenants): namespace epic-<name> with its Account and group ID',
    commands: [
      registerAccountCreate,
      registerAccountDelete,
      registerAccountList,
      registerAccountShow,
    ],
    examples: [
      'epicctl account create acme',
      'epicctl account list',
      'epicctl account show acme -o yaml',
      'epicctl account delete acme',
    ],
  },
  {
    name: 'prefix',
    description: 'service prefixes: public address pools (namespace epic)',
    commands: [registerPrefixCreate, registerPrefixDelete, registerPrefixList, registerPrefixShow],
    examples: [
      'epicctl prefix create default --pool 192.168.77.2-192.168.77.8 --subnet 192.168.77.0/24',
      'epicctl prefix list',
    ],
  },
  {
    name: 'group',
    description: 'service groups (LBServiceGroups): templates of load balancers',
    commands: [registerGroupCreate, registerGroupDelete, registerGroupList, registerGroupShow],
    examples: [
      'epicctl group create web --account acme --prefix default',
      'epicctl group list --account acme',
    ],
  },
  {
    name: 'lb',
    description: 'load balancers (read-only): addresses, ports, IDs, tunnels',
    commands: [registerLbList, registerLbShow],
    examples: ['epicctl lb list', 'epicctl lb show web --account acme'],
  },
];

/** A fresh command tree (commander keeps parse state, so one per run). */
export function buildProgram(deps: Deps, state: RunState): Command {
  const program = new Command('epicctl')
    .description(
      'EPIC admin CLI: accounts, service prefixes, service groups, load balancers and IDs',
    )
    .version(epicctlVersion, '-V, --version')
    // Set before the subcommands exist, so they inherit it: errors come back to run(), not exit().
    .exitOverride()
    .configureOutput({ writeOut: (s) => deps.io.out(s), writeErr: (s) => deps.io.err(s) })
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError(true);
  addGlobalOptions(program);
  for (const group of groups) {
    const parent = program.command(group.name).description(group.description);
    group.commands.forEach((register) => register(parent, deps, state));
    examples(parent, group.examples);
  }
  registerIds(program, deps, state);
  examples(program, [
    'epicctl account create acme && epicctl group create web --account acme --prefix default',
    'epicctl lb list -o json',
    'epicctl ids',
    'epicctl --context prod account list',
  ]);
  return program.addHelpText('after', exitCodeHelp);
}
