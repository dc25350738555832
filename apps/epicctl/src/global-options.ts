// The options every command takes, checked with zod at the boundary like every other flag.
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { OutputFormat, outputFormats } from './flags.js';

export const GlobalOptions = z.object({
  output: OutputFormat.default('table'),
  kubeconfig: z.string().optional(),
  context: z.string().optional(),
});
export type GlobalOptions = z.infer<typeof GlobalOptions>;

export function addGlobalOptions(program: Command): Command {
  return program
    .addOption(
      new Option('-o, --output <format>', 'output format').choices(outputFormats).default('table'),
    )
    .option('--kubeconfig <path>', 'kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context to use (default: its current context)');
}
