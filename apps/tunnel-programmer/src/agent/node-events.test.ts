// The Node's Events as a story of runs: only what happened is said, once.
import { describe, expect, it } from 'vitest';
import type { NodeTunnelTable } from '@epic/tunnel-plan';
import { initialNodeEventState, nodeEventsFor, type NodeEventState } from './node-events.js';
import type { ProgramOutcome } from './programmer.js';

const table: NodeTunnelTable = {
  node: 'epic-1',
  address: '192.168.1.40',
  proxies: [],
  problems: [],
  hash: '0',
};
const programmed = (commands: number): ProgramOutcome => ({
  kind: 'programmed',
  table,
  commands,
  problems: [],
});
const unavailable = (message: string): ProgramOutcome => ({ kind: 'unavailable', table, message });
const failed = (message: string): ProgramOutcome => ({
  kind: 'failed',
  table,
  message,
  commands: 1,
});

describe('nodeEventsFor', () => {
  it('says each change once', () => {
    const steps: [ProgramOutcome, string[]][] = [
      [unavailable('no fou'), ['Warning DriverUnavailable Cannot program tunnels: no fou']],
      [unavailable('no fou'), []],
      [unavailable('no gre'), ['Warning DriverUnavailable Cannot program tunnels: no gre']],
      [
        programmed(3),
        [
          'Normal DriverAvailable The linux driver can program this node again.',
          'Normal TunnelsProgrammed Ran 3 linux commands; the node now carries 0 tunnels.',
        ],
      ],
      [programmed(0), []],
      [failed('exit 1'), ['Warning TunnelProgrammingFailed exit 1']],
      [failed('exit 1'), []],
      [programmed(0), []],
      [failed('exit 1'), ['Warning TunnelProgrammingFailed exit 1']],
    ];
    let state: NodeEventState = initialNodeEventState;
    for (const [i, [outcome, expected]] of steps.entries()) {
      const said = nodeEventsFor(state, outcome, 'linux');
      expect(
        said.events.map((e) => `${e.type} ${e.reason} ${e.message}`),
        `step ${i}`,
      ).toEqual(expected);
      state = said.state;
    }
  });
});
