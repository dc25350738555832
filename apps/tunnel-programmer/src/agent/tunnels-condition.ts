// The `TunnelsProgrammed` condition of a LoadBalancer / GWProxy, written by the agents of the
// nodes hosting its Envoy pods. Several agents share one condition, so it has one rule that
// never flaps between them:
//   - a node that cannot program says False, naming itself ("EPIC node <n>: ..."), unless
//     another node already holds a False (the first failing node is shown until it recovers);
//   - a node that programmed clears a False that names it, turns an absent condition True, and
//     re-asserts a True (whose message names no node, so every node says the same words).
// Pure: (conditions, node, outcome) -> the update, or undefined for "leave it".
import { findCondition, type Condition, type ConditionUpdate } from '@epic/model';

export const tunnelsConditionType = 'TunnelsProgrammed';

export type ConditionOutcome =
  | { kind: 'programmed' }
  | { kind: 'unavailable'; message: string }
  | { kind: 'failed'; message: string };

const reasons = {
  programmed: 'Programmed',
  unavailable: 'DriverUnavailable',
  failed: 'ProgrammingFailed',
} as const;

export const programmedMessage = 'Tunnels are programmed on the EPIC nodes hosting its Envoy pods.';

function nodePrefix(node: string): string {
  return `EPIC node ${node}: `;
}

/** The node a False condition names, if it is ours in form. */
export function failingNodeOf(condition: Condition | undefined): string | undefined {
  if (condition?.status !== 'False') return undefined;
  return /^EPIC node ([^:]+): /.exec(condition.message)?.[1];
}

export function tunnelsCondition(args: {
  conditions: readonly Condition[] | undefined;
  node: string;
  outcome: ConditionOutcome;
  generation: number | undefined;
}): ConditionUpdate | undefined {
  const current = findCondition(args.conditions, tunnelsConditionType);
  const failing = failingNodeOf(current);
  const base = { type: tunnelsConditionType, observedGeneration: args.generation };
  if (args.outcome.kind === 'programmed') {
    const mine = current === undefined || failing === args.node || current.status === 'True';
    return mine
      ? { ...base, status: 'True', reason: reasons.programmed, message: programmedMessage }
      : undefined;
  }
  if (failing !== undefined && failing !== args.node) return undefined;
  return {
    ...base,
    status: 'False',
    reason: reasons[args.outcome.kind],
    message: `${nodePrefix(args.node)}${sentence(args.outcome.message)}`,
  };
}

/** Messages end as sentences (one final period) and stay bounded; command names keep their case. */
function sentence(text: string): string {
  return `${text.trim().slice(0, 900).replace(/\.+$/, '')}.`;
}
