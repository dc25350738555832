// One programming run of this node's data plane: can the driver run here at all; put the pods'
// veths in; read back what the data plane holds; diff and plan (libs/tunnel-plan); run the
// commands in order, stopping at the first failure (the next run re-reads and re-plans, so a
// half-applied plan is finished then). Idempotent by construction: a run on a node that already
// matches runs only the read-back.
import type { Logger } from '@epic/logging';
import { planNode, type NodeTunnelTable } from '@epic/tunnel-plan';
import { errorText } from '../shared/error-text.js';
import { missingCapability } from './capability.js';
import { CommandError, type Runner } from './command-runner.js';
import type { DataPlaneDriver } from './drivers.js';
import { podIPsOf, withFoundInterfaces } from './local-table.js';
import { findPodInterfaces, type InterfaceSource } from './pod-interfaces.js';

export type ProgramOutcome =
  | {
      kind: 'programmed';
      /** The table as programmed (with this node's veths). */
      table: NodeTunnelTable;
      /** Commands run to change the data plane (0: it already matched). */
      commands: number;
      /** Why parts of the table could not be programmed (no tunnel ID yet, no veth, ...). */
      problems: string[];
    }
  | { kind: 'unavailable'; table: NodeTunnelTable; message: string }
  | { kind: 'failed'; table: NodeTunnelTable; message: string; commands: number };

export interface ProgrammerDeps {
  dataPlane: DataPlaneDriver;
  runner: Runner;
  interfaceSource: InterfaceSource;
  /** The ip binary for the netns interface lookup. */
  ip: string;
  log: Logger;
}

export class DataPlaneProgrammer {
  constructor(private readonly deps: ProgrammerDeps) {}

  get driverName() {
    return this.deps.dataPlane.driver.name;
  }

  async program(table: NodeTunnelTable): Promise<ProgramOutcome> {
    const { dataPlane, log } = this.deps;
    const capability = await dataPlane.probe();
    if (!capability.available) return { kind: 'unavailable', table, message: capability.message };
    let commands = 0;
    try {
      const local = await this.localize(table);
      const plan = planNode(dataPlane.driver, local, await this.readBack());
      for (const command of plan.commands) {
        log.debug({ argv: command.argv, why: command.why }, 'running');
        await this.deps.runner.run(command.argv);
        commands++;
      }
      const problems = [...local.problems, ...plan.problems].map((p) => p.message);
      return { kind: 'programmed', table: local, commands, problems };
    } catch (err) {
      const missing =
        err instanceof CommandError ? missingCapability(this.driverName, err) : undefined;
      if (missing !== undefined) return { kind: 'unavailable', table, message: missing };
      return { kind: 'failed', table, message: errorText(err), commands };
    }
  }

  private async localize(table: NodeTunnelTable): Promise<NodeTunnelTable> {
    if (this.deps.interfaceSource === 'annotations') return table;
    const found = await findPodInterfaces(this.deps.runner, this.deps.ip, podIPsOf(table));
    return withFoundInterfaces(table, found);
  }

  private async readBack(): Promise<string[]> {
    const outputs: string[] = [];
    for (const read of this.deps.dataPlane.driver.readCommands) {
      outputs.push((await this.deps.runner.run(read.argv)).stdout);
    }
    return outputs;
  }
}
