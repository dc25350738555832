// What every command action gets: its parsed flags, the global options, a lazily connected
// Cluster, and printing that honours -o. Commander hands actions (args..., opts, command);
// `action()` turns that into (ctx, args, flags) with the flags parsed by the command's zod schema.
import type { Command } from 'commander';
import type { z } from 'zod';
import type { Cluster } from '../cluster.js';
import type { Deps } from '../deps.js';
import { usageError } from '../exit-codes.js';
import { GlobalOptions } from '../global-options.js';
import { renderReport, type Report } from '../format/report.js';

/** Shared by the commands of one run; tells the error printer which server failed. */
export interface RunState {
  server?: string;
}

export interface CommandContext {
  deps: Deps;
  globals: GlobalOptions;
  cluster(): Cluster;
  print(report: Report): void;
  /** One `warning: ...` line on stderr per message. */
  warn(messages: readonly string[]): void;
  now(): Date;
}

function contextFor(deps: Deps, state: RunState, globals: GlobalOptions): CommandContext {
  let cluster: Cluster | undefined;
  return {
    deps,
    globals,
    cluster: () => {
      cluster ??= deps.connect({ kubeconfig: globals.kubeconfig, context: globals.context });
      state.server = cluster.server;
      return cluster;
    },
    print: (report) => deps.io.out(renderReport(report, globals.output)),
    warn: (messages) => messages.forEach((m) => deps.io.err(`warning: ${m}\n`)),
    now: () => deps.clock.now(),
  };
}

export type Handler<F> = (ctx: CommandContext, args: string[], flags: F) => Promise<void>;

/** A commander action that parses the flags with `schema` and runs `handler`. */
export function action<S extends z.ZodType>(
  deps: Deps,
  state: RunState,
  schema: S,
  handler: Handler<z.infer<S>>,
): (...params: unknown[]) => Promise<void> {
  return async (...params) => {
    const command = params.at(-1) as Command;
    const globals = GlobalOptions.parse(command.optsWithGlobals());
    const parsed = schema.safeParse(command.opts());
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw usageError(`${flagName(issue?.path[0])}: ${issue?.message ?? 'invalid'}`);
    }
    await handler(contextFor(deps, state, globals), command.args, parsed.data);
  };
}

/** `altPool` -> `--alt-pool`: how a person typed the flag commander camel-cased. */
export function flagName(key: PropertyKey | undefined): string {
  return `--${String(key ?? '?').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** `Examples:` after the help of a command; every command has some. */
export function examples(command: Command, lines: readonly string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
}
