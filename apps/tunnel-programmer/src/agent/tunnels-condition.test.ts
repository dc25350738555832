import { describe, expect, it } from 'vitest';
import type { Condition } from '@epic/model';
import {
  failingNodeOf,
  programmedMessage,
  tunnelsCondition,
  type ConditionOutcome,
} from './tunnels-condition.js';

const at = '2024-01-01T00:00:00Z';
const trueCondition: Condition = {
  type: 'TunnelsProgrammed',
  status: 'True',
  reason: 'Programmed',
  message: programmedMessage,
  lastTransitionTime: at,
};
const falseOn = (node: string): Condition => ({
  type: 'TunnelsProgrammed',
  status: 'False',
  reason: 'DriverUnavailable',
  message: `EPIC node ${node}: Cannot run.`,
  lastTransitionTime: at,
});
const ok: ConditionOutcome = { kind: 'programmed' };
const missing: ConditionOutcome = { kind: 'unavailable', message: 'linux driver: no fou' };
const broken: ConditionOutcome = { kind: 'failed', message: 'cli_tunnel set 7: exit 1.' };

describe('TunnelsProgrammed, shared by the nodes of a proxy', () => {
  interface Row {
    title: string;
    current: Condition | undefined;
    node: string;
    outcome: ConditionOutcome;
    expected: string | undefined;
  }
  const row = (
    title: string,
    current: Condition | undefined,
    outcome: ConditionOutcome,
    expected: string | undefined,
  ): Row => ({ title, current, node: 'epic-1', outcome, expected });
  it.each<Row>([
    row('absent + programmed -> True', undefined, ok, 'True/Programmed'),
    row(
      'True + programmed -> True again (same words on every node)',
      trueCondition,
      ok,
      'True/Programmed',
    ),
    row('own False + programmed -> True', falseOn('epic-1'), ok, 'True/Programmed'),
    row("another node's False + programmed -> left alone", falseOn('epic-2'), ok, undefined),
    row(
      'absent + unavailable -> False naming the node',
      undefined,
      missing,
      'False/DriverUnavailable',
    ),
    row('True + failed -> False', trueCondition, broken, 'False/ProgrammingFailed'),
    row(
      'own False + another failure -> updated',
      falseOn('epic-1'),
      broken,
      'False/ProgrammingFailed',
    ),
    row("another node's False + unavailable -> left alone", falseOn('epic-2'), missing, undefined),
  ])('$title', ({ current, node, outcome, expected }) => {
    const update = tunnelsCondition({
      conditions: current ? [current] : undefined,
      node,
      outcome,
      generation: 4,
    });
    expect(update && `${update.status}/${update.reason}`).toBe(expected);
    if (update) expect(update.observedGeneration).toBe(4);
  });

  it('failure messages are sentences naming the node', () => {
    const update = tunnelsCondition({
      conditions: undefined,
      node: 'epic-3',
      outcome: missing,
      generation: 1,
    });
    expect(update?.message).toBe('EPIC node epic-3: linux driver: no fou.');
    expect(failingNodeOf({ ...falseOn('x'), message: update!.message })).toBe('epic-3');
    const failed = tunnelsCondition({
      conditions: undefined,
      node: 'epic-3',
      outcome: broken,
      generation: 1,
    });
    expect(failed?.message).toBe('EPIC node epic-3: cli_tunnel set 7: exit 1.');
  });

  it('a True names no node', () => {
    expect(failingNodeOf(trueCondition)).toBeUndefined();
  });
});
