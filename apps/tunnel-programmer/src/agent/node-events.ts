// Kubernetes Events on this node's Node object, only when something happened: the driver became
// unavailable (or its reason changed), it came back, a run changed the data plane, or a run
// failed in a new way. Pure: (what was said before, the run's outcome) -> events and new state.
import type { KubeEvent } from '@epic/kube';
import type { ProgramOutcome } from './programmer.js';

export interface NodeEventState {
  driver: 'unknown' | 'available' | 'unavailable';
  unavailable?: string | undefined;
  failure?: string | undefined;
}

export const initialNodeEventState: NodeEventState = { driver: 'unknown' };

function tunnelCount(outcome: ProgramOutcome): number {
  return outcome.table.proxies.reduce((n, p) => n + p.tunnels.length, 0);
}

type Decide<K extends ProgramOutcome['kind']> = (
  state: NodeEventState,
  outcome: Extract<ProgramOutcome, { kind: K }>,
  driver: string,
) => { events: KubeEvent[]; state: NodeEventState };

const programmed: Decide<'programmed'> = (state, outcome, driver) => {
  const events: KubeEvent[] = [];
  if (state.driver === 'unavailable') {
    events.push({
      type: 'Normal',
      reason: 'DriverAvailable',
      message: `The ${driver} driver can program this node again.`,
    });
  }
  if (outcome.commands > 0) {
    events.push({
      type: 'Normal',
      reason: 'TunnelsProgrammed',
      message: `Ran ${outcome.commands} ${driver} commands; the node now carries ${tunnelCount(outcome)} tunnels.`,
    });
  }
  return { events, state: { driver: 'available' } };
};

const unavailable: Decide<'unavailable'> = (state, outcome) => {
  const repeat = state.driver === 'unavailable' && state.unavailable === outcome.message;
  const events: KubeEvent[] = repeat
    ? []
    : [
        {
          type: 'Warning',
          reason: 'DriverUnavailable',
          message: `Cannot program tunnels: ${outcome.message}`,
        },
      ];
  return { events, state: { driver: 'unavailable', unavailable: outcome.message } };
};

const failed: Decide<'failed'> = (state, outcome) => {
  const events: KubeEvent[] =
    state.failure === outcome.message
      ? []
      : [{ type: 'Warning', reason: 'TunnelProgrammingFailed', message: outcome.message }];
  return { events, state: { ...state, driver: 'available', failure: outcome.message } };
};

export function nodeEventsFor(
  state: NodeEventState,
  outcome: ProgramOutcome,
  driver: string,
): { events: KubeEvent[]; state: NodeEventState } {
  switch (outcome.kind) {
    case 'programmed':
      return programmed(state, outcome, driver);
    case 'unavailable':
      return unavailable(state, outcome, driver);
    case 'failed':
      return failed(state, outcome, driver);
  }
}
