// A driver is what a node's data plane looks like to the planner: how to read it back, how a
// table maps onto its resources, and which commands carry out a diff. Nothing here runs a
// command: the agent runs `readCommands`, hands their stdout to `actual`, and runs `commands`
// in order, stopping at the first failure (the next run re-reads and re-plans).
import { diffResources, type DiffOp, type KindPolicy, type Resource } from './diff.js';
import type { NodeTunnelTable } from './node-table.js';

export type DriverName = 'true-ingress' | 'linux';

/** A command as an argv array (no shell), with why it is run, for logs. */
export interface Command {
  argv: string[];
  why: string;
}

/** Something in the table this driver cannot program; the rest is still programmed. */
export interface DriverProblem {
  kind: string;
  message: string;
}

export interface DesiredState {
  resources: Resource[];
  problems: DriverProblem[];
}

export interface Driver {
  readonly name: DriverName;
  /** Resource kinds in dependency order. */
  readonly kinds: readonly KindPolicy[];
  /** Run these in order; pass their stdout, in the same order, to `actual`. */
  readonly readCommands: readonly Command[];
  desired(table: NodeTunnelTable): DesiredState;
  /** Parses the read-back. Throws ReadbackParseError on output it does not understand. */
  actual(outputs: readonly string[]): Resource[];
  /** The commands for `ops` (from diffResources); `desired` is the full desired list. */
  commands(ops: readonly DiffOp[], desired: readonly Resource[]): Command[];
}

/** The read-back did not have the shape the driver expects (a version skew, a wrong command). */
export class ReadbackParseError extends Error {
  override readonly name = 'ReadbackParseError';
  /** Re-reading will not help: the output format itself is unexpected. */
  readonly retriable = false;
  constructor(
    readonly source: string,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`cannot parse the output of ${source}: ${detail}`, options);
  }
}

export interface NodePlan {
  ops: DiffOp[];
  commands: Command[];
  problems: DriverProblem[];
}

/** Read-back in, commands out: the whole pure step of one programming run on one node. */
export function planNode(
  driver: Driver,
  table: NodeTunnelTable,
  outputs: readonly string[],
): NodePlan {
  if (outputs.length !== driver.readCommands.length) {
    throw new Error(
      `${driver.name} driver reads ${driver.readCommands.length} outputs, got ${outputs.length}`,
    );
  }
  const { resources, problems } = driver.desired(table);
  const ops = diffResources({
    actual: driver.actual(outputs),
    desired: resources,
    kinds: driver.kinds,
  });
  return { ops, commands: driver.commands(ops, resources), problems };
}
